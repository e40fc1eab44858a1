using Exchange.Core.Coins;
using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Ledger;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Core.HubSync;

/// <summary>
/// The balance check crashes after batch k of n (each batch is committed with the cursor); a fresh
/// instance on the same database runs again: every deposit is credited once, none is lost, and the
/// cursor ends at the last event.
/// </summary>
[Integration]
public class BatchCrashTests
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private CancellationToken Token => TestContext.Current.CancellationToken;

    private const int Users = 9;

    /// <summary>Throws after the k-th batch commit, once.</summary>
    private sealed class CrashAfterBatch(int k) : ISyncCheckpoints
    {
        private int committed;
        public int Committed => committed;
        public ValueTask ReachedAsync(string checkpoint) =>
            checkpoint == Checkpoints.BalanceBatchCommitted && Interlocked.Increment(ref committed) == k
                ? throw new InvalidOperationException($"crash after batch {k}")
                : ValueTask.CompletedTask;
    }

    public static TheoryData<int> Batches() => new(1, 2, 4, 7);

    [Theory]
    [MemberData(nameof(Batches))]
    public async Task A_crash_after_batch_k_is_picked_up_by_the_next_run_with_each_deposit_credited_once(int k)
    {
        await using var hub = await EmulatorHost.StartAsync(o => o.SweepMaxDeposits = 1_000);
        await using var store = await TestStore.CreateAsync(Engine);
        Action<IServiceCollection> small = s => s.Configure<HubSyncOptions>(o => o.BatchSize = 2);
        var crash = new CrashAfterBatch(k);

        await using (var first = await CoreDatabase.CreateAsync(s =>
                     {
                         small(s);
                         s.AddSingleton<ISyncCheckpoints>(crash);
                     }, hub.BaseAddress, store))
        {
            // Three rounds in three seconds each: deposits seen, swept, then the next round.
            for (var round = 0; round < 3; round++)
            {
                for (var i = 0; i < Users / 3; i++)
                {
                    var user = $"user{round * (Users / 3) + i}";
                    await hub.DepositAsync((await first.Get<DepositAddressService>().RequestAsync(user, Token)).Address!.Address, 1_000 * (round * (Users / 3) + i + 1));
                }
                await hub.TickAsync("monitor");
                hub.Time.Advance(TimeSpan.FromSeconds(1));
                await hub.TickAsync("sweep");
                hub.Time.Advance(TimeSpan.FromSeconds(1));
            }
            var crashed = await Assert.ThrowsAsync<InvalidOperationException>(() => first.Get<BalanceSync>().RunAsync(Token));
            Assert.Equal($"crash after batch {k}", crashed.Message);
        }

        await using var restarted = await CoreDatabase.CreateAsync(small, hub.BaseAddress, store);
        await restarted.Get<BalanceSync>().RunAsync(Token);
        var again = await restarted.Get<BalanceSync>().RunAsync(Token);

        Assert.Equal(0, again.DepositsCredited);
        for (var i = 0; i < Users; i++)
            Assert.Equal(1_000 * (i + 1), (await restarted.Get<LedgerService>().AccountsOfAsync($"user{i}", Token)).Single(a => a.Coin == CoinSymbols.Iota).Available);
        await using var db = restarted.NewContext();
        Assert.Equal(Users, await db.LedgerEntries.CountAsync(Token));
        var deposits = await db.Deposits.ToListAsync(Token);
        Assert.Equal(Users, deposits.Count);
        Assert.All(deposits, d => Assert.Equal(DepositState.Credited, d.State));
        Assert.Equal(deposits.Sum(d => d.Amount), await db.HubAccounts.SumAsync(a => a.CreditedByHub, Token));
        var events = await HubClients.For(hub.BaseAddress).BalanceSubscriptionAsync(0, Token);
        Assert.Equal(events.Max(e => e.Timestamp), (await db.HubCursors.SingleAsync(Token)).Timestamp);
        Assert.True((await restarted.Get<Reconciliation>().RunAsync(Token)).IsBalanced);
    }
}

public sealed class BatchCrashOnPostgreSqlTests : BatchCrashTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
