using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Benchmarks.Harness;

/// <summary>
/// A ledger's worth of past deposits, booked as the balance check books them: the ledger's bulk
/// credit, a few statements per batch in the ledger's own SQL for whichever database the host is on,
/// each account ending at the sum of its entries. Each batch is dated by the host's <see cref="SeedClock"/>.
/// </summary>
internal static class PastDeposits
{
    private const int Batch = 5_000;

    /// <summary>
    /// Deposit i, of <paramref name="amount"/> IOTA base units, to <c>owners[i]</c> (keyed <c>seed-i</c>), dated
    /// <paramref name="from"/> plus i times <paramref name="step"/>, a batch at a time.
    /// </summary>
    public static async Task CreditAsync(IServiceProvider services, IReadOnlyList<string> owners, long amount, DateTimeOffset from, TimeSpan step)
    {
        var clock = services.GetRequiredService<SeedClock>();
        await BookAsync(services, owners.Count, i => LedgerChange.Deposit(owners[i], CoinSymbols.Iota, amount, "seed", $"seed-{i}"),
            first => clock.Moment = from + step * first);
        clock.Moment = null;
    }

    /// <summary>
    /// Credit i for i from 0 to <paramref name="count"/> - 1, made by <paramref name="credit"/>, a batch at a time in the
    /// ledger's bulk credit; <paramref name="starting"/> is told the first i of each batch before it is booked.
    /// </summary>
    public static async Task BookAsync(IServiceProvider services, int count, Func<int, LedgerChange> credit, Action<int>? starting = null)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>();
        var ledger = services.GetRequiredService<LedgerService>();
        for (var first = 0; first < count; first += Batch)
        {
            var credits = Enumerable.Range(first, Math.Min(Batch, count - first)).Select(credit).ToList();
            starting?.Invoke(first);
            await using var db = await contexts.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await ledger.CreditManyAsync(db, credits);
            await transaction.CommitAsync();
        }
    }
}

/// <summary>A seeding host's clock: the moment a seed writes, while it writes the past; the real time otherwise.</summary>
internal sealed class SeedClock : TimeProvider
{
    public DateTimeOffset? Moment { get; set; }

    public override DateTimeOffset GetUtcNow() => Moment ?? System.GetUtcNow();
}

internal static class SeedClockRegistration
{
    /// <summary>The host's <see cref="TimeProvider"/> becomes a <see cref="SeedClock"/>.</summary>
    public static IServiceCollection AddSeedClock(this IServiceCollection services) =>
        services.AddSingleton<SeedClock>().AddSingleton<TimeProvider>(s => s.GetRequiredService<SeedClock>());
}
