using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.HubSync;

internal static class HubAccounts
{
    /// <summary>
    /// The user's Hub account, created (and named user-N) on first use. Created and named in one
    /// transaction, so no one sees the placeholder name; a request that loses the race to create it
    /// (a double click, another node) takes the winner's.
    /// </summary>
    public static async Task<HubAccount> EnsureAsync(ExchangeDbContext db, string userId, DateTime now, CancellationToken cancellationToken)
    {
        var account = await db.HubAccounts.SingleOrDefaultAsync(a => a.UserId == userId, cancellationToken);
        if (account is not null) return account;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            account = HubAccount.For(userId, now);
            db.HubAccounts.Add(account);
            await db.SaveChangesAsync(cancellationToken);
            account.NameAfterId();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return account;
        }
        catch (DbUpdateException)
        {
            // The unique index on the user refused the second account; the transaction rolled back.
            db.ChangeTracker.Clear();
            return await db.HubAccounts.SingleAsync(a => a.UserId == userId, cancellationToken);
        }
    }
}
