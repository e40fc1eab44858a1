using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.HubSync;

internal static class HubAccounts
{
    /// <summary>The user's Hub account, created (and named user-N) on first use.</summary>
    public static async Task<HubAccount> EnsureAsync(ExchangeDbContext db, string userId, DateTime now, CancellationToken cancellationToken)
    {
        var account = await db.HubAccounts.SingleOrDefaultAsync(a => a.UserId == userId, cancellationToken);
        if (account is not null) return account;

        account = HubAccount.For(userId, now);
        db.HubAccounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        account.NameAfterId();
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }
}
