using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Accounts;

public enum LinkState
{
    Valid,
    Expired,
    Used,

    /// <summary>Not a link the exchange sent for this purpose: forged, cut short or altered.</summary>
    Unknown,
}

/// <summary>What a mailed link is worth now, with its row when the exchange issued it.</summary>
public sealed record LinkCheck(LinkState State, LinkToken? Token)
{
    public bool IsValid => State == LinkState.Valid;
}

/// <summary>Issuing, checking and spending the single-use links of <see cref="LinkToken"/>, inside the caller's transaction.</summary>
public static class LinkTokens
{
    /// <summary>A tracked link row, saved with the caller's SaveChanges; returns the token for the mail.</summary>
    public static string Add(ExchangeDbContext db, LinkPurpose purpose, string userId, long? subjectId, DateTime now, TimeSpan lifetime)
    {
        var (row, token) = LinkToken.Issue(purpose, userId, subjectId, now, lifetime);
        db.LinkTokens.Add(row);
        return token;
    }

    /// <summary>Reads only: what a page shows before the person decides.</summary>
    public static async Task<LinkCheck> CheckAsync(ExchangeDbContext db, LinkPurpose purpose, string? token, DateTime now, CancellationToken cancellationToken)
    {
        if (!LinkToken.IsWellFormed(token))
            return new LinkCheck(LinkState.Unknown, null);
        var hash = LinkToken.HashOf(token!);
        var row = await db.LinkTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Hash == hash && t.Purpose == purpose, cancellationToken);
        var state = row is null ? LinkState.Unknown
            : row.UsedAt is not null ? LinkState.Used
            : row.ExpiresAt <= now ? LinkState.Expired
            : LinkState.Valid;
        return new LinkCheck(state, row);
    }

    /// <summary>
    /// Spends a valid link in the caller's transaction, which should make the link's change too: of
    /// two uses at once one wins, the other finds it used; a rollback leaves it unused.
    /// </summary>
    public static async Task<LinkCheck> UseAsync(ExchangeDbContext db, LinkPurpose purpose, string? token, DateTime now, CancellationToken cancellationToken)
    {
        var check = await CheckAsync(db, purpose, token, now, cancellationToken);
        if (!check.IsValid)
            return check;
        var id = check.Token!.Id;
        var won = await db.LinkTokens.Where(t => t.Id == id && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        return won == 1 ? check : await CheckAsync(db, purpose, token, now, cancellationToken);
    }
}
