using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Exchange.Core.Email;
using Exchange.Core.Events;
using Exchange.Core.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.AddressBook;

/// <summary>A confirmation link as it stands: the link's state and, while the entry exists, the entry.</summary>
public sealed record AddressConfirmation(LinkCheck Link, AddressBookEntry? Entry)
{
    /// <summary>The link is good but its address was removed from the book meanwhile.</summary>
    public bool EntryRemoved => Link.IsValid && Entry is null;
}

/// <summary>
/// The link that confirms a new entry. It is issued when the notice of the addition is mailed (so the
/// raw token exists only in that mail), works once within <c>AddressBook:ConfirmationLifetime</c>, and
/// the entry becomes usable <c>AddressBook:ActivationDelay</c> after it was followed, at a time that
/// is stored then and only compared with the clock later: no job has to activate anything.
/// </summary>
public sealed class AddressConfirmations(IDbContextFactory<ExchangeDbContext> contexts, IOptions<AddressBookOptions> options, IExchangeEvents events, TimeProvider time)
{
    public const string PagePath = "/Identity/Account/ConfirmAddress";

    /// <summary>Reads only: what the page shows before the person presses Confirm.</summary>
    public async Task<AddressConfirmation> CheckAsync(string? token, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var link = await LinkTokens.CheckAsync(db, LinkPurpose.ConfirmAddress, token, Now, cancellationToken);
        return new AddressConfirmation(link, await EntryAsync(db, link, tracked: false, cancellationToken));
    }

    public async Task<AddressConfirmation> ConfirmAsync(string? token, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await LinkTokens.UseAsync(db, LinkPurpose.ConfirmAddress, token, now, cancellationToken);
        var entry = await EntryAsync(db, link, tracked: true, cancellationToken);
        if (!link.IsValid || entry is null || !entry.Confirm(now, options.Value.ActivationDelay))
            return new AddressConfirmation(link, entry);
        AddressBookNotices.Add(db, AddressBookNotices.Confirmed, entry, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Publish(new AddressBookChanged(entry.UserId));
        return new AddressConfirmation(link, entry);
    }

    private static async Task<AddressBookEntry?> EntryAsync(ExchangeDbContext db, LinkCheck link, bool tracked, CancellationToken cancellationToken)
    {
        if (link.Token is not { SubjectId: { } id } token) return null;
        var entries = tracked ? db.AddressBookEntries : db.AddressBookEntries.AsNoTracking();
        return await entries.SingleOrDefaultAsync(e => e.Id == id && e.UserId == token.UserId, cancellationToken);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}

/// <summary>The mail of an <c>address_book.changed</c> notice of an addition carries the link that confirms it.</summary>
public sealed class AddressConfirmationLinks(IOptions<AddressBookOptions> options, IOptions<EmailOptions> email) : INoticeMailLinks
{
    public async Task<IReadOnlyList<NoticeMailLink>> LinksAsync(NoticeFanOut fanOut, DispatchedNotice notice, CancellationToken cancellationToken)
    {
        if (notice.Type != NoticeTypes.AddressBookChanged || notice.Data["change"] != AddressBookNotices.Added || notice.Notice.UserId is not { } userId)
            return [];
        var id = notice.Data.Long("entry");
        if (!await fanOut.Db.AddressBookEntries.AnyAsync(e => e.Id == id && e.UserId == userId && e.ConfirmedAt == null, cancellationToken))
            return [];
        var lifetime = options.Value.ConfirmationLifetime;
        var token = LinkTokens.Add(fanOut.Db, LinkPurpose.ConfirmAddress, userId, id, fanOut.Now, lifetime);
        return [new NoticeMailLink("Confirm this address", email.Value.PublicLink($"{AddressConfirmations.PagePath}?token={token}"),
            $"If you added it, confirm it within {AddressBookNotices.Duration(lifetime)} with the link below. If you did not, do not confirm it.")];
    }
}
