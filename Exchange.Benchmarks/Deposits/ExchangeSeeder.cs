using Exchange.Benchmarks.Serving;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Benchmarks.Deposits;

/// <summary>
/// The exchange's side of a seed, as the deposit page would have made it one user at a time: a Hub
/// account per user and the deposit addresses, stored in bounded batches as the emulator streams them,
/// a few set-based statements per batch (EF's tracked inserts made a million-user seed take longer than the run it set up).
/// </summary>
internal static class ExchangeSeeder
{
    private const int BatchSize = 5_000;

    /// <summary>The exchange user of a seeded Hub user: <c>bench-user-7</c> for <c>user-7</c>.</summary>
    public static string ExchangeUserOf(string prefix, string hubUserId) => $"{prefix}{hubUserId}";

    public static async Task StoreAsync(IServiceProvider services, IAsyncEnumerable<SeededAddress> addresses, long users, string prefix)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>();
        var now = DateTime.UtcNow;
        var batch = new List<SeededAddress>(BatchSize);
        await foreach (var address in addresses)
        {
            batch.Add(address);
            if (batch.Count < BatchSize) continue;
            await InsertAsync(contexts, batch, users, prefix, now);
            batch.Clear();
        }
        await InsertAsync(contexts, batch, users, prefix, now);
    }

    // Address i belongs to user i mod U, so the first U addresses meet each user for the first time.
    private static async Task InsertAsync(IDbContextFactory<ExchangeDbContext> contexts, List<SeededAddress> batch, long users, string prefix, DateTime now)
    {
        if (batch.Count == 0) return;
        await using var db = await contexts.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await BulkSql.InsertAsync(db, batch.Where(a => a.Index < users).Select(a => HubAccount.Existing(ExchangeUserOf(prefix, a.HubUserId), a.HubUserId, now)).ToList());
        await BulkSql.InsertAsync(db, batch.Select(a => DepositAddress.Issue(ExchangeUserOf(prefix, a.HubUserId), CoinSymbols.Iota, a.Address90, now)).ToList());
        await transaction.CommitAsync();
    }
}
