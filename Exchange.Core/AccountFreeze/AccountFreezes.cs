using System.Globalization;
using System.Security.Cryptography;
using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Core.Notices;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.AccountFreeze;

/// <summary>A "This wasn't me" link as it stands, with the account it belongs to while the link is good.</summary>
public sealed record FreezeCheck(LinkCheck Link, string? Email, bool WithdrawalsLocked);

/// <summary>
/// "This wasn't me": a link from a security mail freezes the account in one transaction. Withdrawals
/// are locked with the operators' own lock (new requests refused, approved ones held), the security
/// stamp is renewed (every sign-in ends at its next check), every API key is revoked, and the owner and
/// the operators get a notice. The link is spent in that transaction; an operator lifts the freeze by
/// unlocking withdrawals (with the step-up code, audited).
/// </summary>
public sealed class AccountFreezes(IDbContextFactory<ExchangeDbContext> contexts, IExchangeEvents events, TimeProvider time)
{
    public const string PagePath = "/Identity/Account/NotMe";
    public const string KeysRevoked = "Revoked when the account was frozen (“This wasn't me” in a security mail).";

    /// <summary>Reads only: what the page shows before the person presses the button.</summary>
    public async Task<FreezeCheck> CheckAsync(string? token, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var link = await LinkTokens.CheckAsync(db, LinkPurpose.Freeze, token, Now, cancellationToken);
        var user = link.IsValid ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == link.Token!.UserId, cancellationToken) : null;
        return new FreezeCheck(link, user?.Email, user?.WithdrawalsLocked ?? false);
    }

    public async Task<FreezeCheck> FreezeAsync(string? token, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await LinkTokens.UseAsync(db, LinkPurpose.Freeze, token, now, cancellationToken);
        var user = link.IsValid ? await db.Users.SingleOrDefaultAsync(u => u.Id == link.Token!.UserId, cancellationToken) : null;
        if (user is null)
            return new FreezeCheck(link.IsValid ? new LinkCheck(LinkState.Unknown, null) : link, null, false);
        var wasLocked = user.WithdrawalsLocked;
        if (!wasLocked)
            user.WithdrawalsLockedReason = $"Frozen by the account's owner (“This wasn't me” in a security mail) on {now:yyyy-MM-dd HH:mm} UTC.";
        // What Identity does for a new password, written directly: the stamp ends every sign-in, the concurrency stamp any update racing this one.
        user.SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        var keys = await db.ApiKeys.Where(k => k.UserId == user.Id && k.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var key in keys) key.Revoke(now, KeysRevoked);
        await AddNoticesAsync(db, user, link.Token!, keys.Count, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Publish(new OperatorActed("Account frozen"));
        return new FreezeCheck(link, user.Email, true);
    }

    private static async Task AddNoticesAsync(ExchangeDbContext db, ExchangeUser user, LinkToken link, int keys, DateTime now, CancellationToken cancellationToken)
    {
        var mail = link.SubjectId is { } noticeId ? await db.Notices.Where(n => n.Id == noticeId).Select(n => n.Type).SingleOrDefaultAsync(cancellationToken) : null;
        NoticeLog.Add(db, NoticeTypes.AccountFrozen, user.Id, new NoticeData().With("at", now.ToString("O", CultureInfo.InvariantCulture)), now);
        NoticeLog.Add(db, NoticeTypes.UserFrozen, null, new NoticeData().With("user", user.Id).With("email", user.Email).With("keys", keys)
            .With("mail", mail is null ? null : NoticeTypes.Find(mail)?.Label), now);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
