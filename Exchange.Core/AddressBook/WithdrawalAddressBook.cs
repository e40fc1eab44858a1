using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.AddressBook;

/// <summary>Which input a refusal is about, so a form can show the message beside it.</summary>
public enum AddressBookField
{
    None,
    Coin,
    Label,
    Address,
    TwoFactorCode,
}

public sealed record AddressBookProblem(AddressBookField Field, string Message);

/// <summary>An address a user asks to save, as typed, with their two-factor code (needed when two-factor is on).</summary>
public sealed record AddressBookAddition(string UserId, string? Coin, string? Address, string? Label, string? TwoFactorCode = null);

public sealed record AddressBookResult(AddressBookEntry? Entry, IReadOnlyList<AddressBookProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;

    public static AddressBookResult Refused(AddressBookField field, string message) => new(null, [new AddressBookProblem(field, message)]);
}

/// <summary>The book changed (an entry added, confirmed, announced usable or removed, the mode switched): pages showing it read it again.</summary>
public sealed record AddressBookChanged(string User) : ExchangeEvent
{
    public override string? UserId => User;
}

/// <summary>
/// A user's saved withdrawal addresses. Adding one takes the two-factor code (when two-factor is on)
/// and writes the <c>address_book.changed</c> notice whose mail carries the confirmation link
/// (<see cref="AddressConfirmations"/>); removing one only takes power away and needs nothing.
/// </summary>
public sealed class WithdrawalAddressBook(IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue, NewEntryRules rules, ITwoFactorVerifier twoFactor,
    IOptions<AddressBookOptions> options, IExchangeEvents events, TimeProvider time)
{
    /// <summary>The user's entries, by coin and label.</summary>
    public async Task<IReadOnlyList<AddressBookEntry>> OfAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.AddressBookEntries.AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.Coin).ThenBy(e => e.Label).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
    }

    public async Task<AddressBookResult> AddAsync(AddressBookAddition addition, CancellationToken cancellationToken = default)
    {
        // Input mistakes first, so that a typo does not spend the user's code.
        var problems = new List<AddressBookProblem>();
        var coin = (await catalogue.CurrentAsync(cancellationToken)).Find(addition.Coin);
        if (coin is null || !coin.WithdrawalsEnabled)
            return AddressBookResult.Refused(AddressBookField.Coin, coin is null ? CoinList.Unknown(addition.Coin) : $"{coin.Name} cannot be withdrawn, so it has no withdrawal addresses.");
        if (NewEntryRules.LabelProblem(addition.Label) is { } labelProblem)
            problems.Add(new AddressBookProblem(AddressBookField.Label, labelProblem));
        string? address;
        await using (var db = contexts.CreateDbContext())
            address = await rules.CheckAddressAsync(db, addition.UserId, coin, addition.Address, problems, cancellationToken);
        if (problems.Count > 0)
            return new AddressBookResult(null, problems);
        if (await twoFactor.IsEnabledAsync(addition.UserId, cancellationToken) && await twoFactor.ProblemAsync(addition.UserId, addition.TwoFactorCode, cancellationToken) is { } codeProblem)
            return AddressBookResult.Refused(AddressBookField.TwoFactorCode, codeProblem);
        return await SaveAsync(AddressBookEntry.Add(addition.UserId, coin.Symbol, address!, addition.Label!.Trim(), Now), cancellationToken);
    }

    private async Task<AddressBookResult> SaveAsync(AddressBookEntry entry, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.AddressBookEntries.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same address saved at the same moment by another request: the unique index let one in.
            return AddressBookResult.Refused(AddressBookField.Address, NewEntryRules.Duplicate(entry.Label));
        }
        AddressBookNotices.Add(db, AddressBookNotices.Added, entry, entry.CreatedAt, options.Value.ActivationDelay);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Publish(new AddressBookChanged(entry.UserId));
        return new AddressBookResult(entry, []);
    }

    /// <summary>False when the user has no such entry (none, or another user's).</summary>
    public async Task<bool> RemoveAsync(string userId, long id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entry = await db.AddressBookEntries.SingleOrDefaultAsync(e => e.Id == id && e.UserId == userId, cancellationToken);
        if (entry is null)
            return false;
        db.AddressBookEntries.Remove(entry);
        AddressBookNotices.Add(db, AddressBookNotices.Removed, entry, Now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Publish(new AddressBookChanged(userId));
        return true;
    }

    /// <summary>The book's changes, newest first, as the notices that told its owner of them say: what operators read.</summary>
    public async Task<IReadOnlyList<AddressBookEvent>> HistoryAsync(string userId, int count = 100, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var type = Notices.NoticeTypes.AddressBookChanged.Name;
        var notices = await db.Notices.AsNoTracking().Where(n => n.UserId == userId && n.Type == type).OrderByDescending(n => n.Id).Take(count).ToListAsync(cancellationToken);
        return [.. notices.Select(n => Notices.NoticeData.FromJson(n.Data)).Zip(notices, (data, n) => new AddressBookEvent(n.OccurredAt, data["change"] ?? "", AddressBookNotices.Describe(data).Body))];
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}

/// <summary>One change of a user's book: when, which kind (<see cref="AddressBookNotices"/>), and what it said.</summary>
public sealed record AddressBookEvent(DateTime At, string Change, string Text);
