using Exchange.Core.Coins;
using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Core.HubSync;

/// <summary>
/// A crash at every checkpoint of the Hub jobs (after every Hub call and every commit), then a
/// fresh instance on the same database and the same Hub, as after a restart: the end state must be
/// the one a run without a crash reaches — no lost credit, no double credit, no double batch, no
/// double withdrawal.
/// </summary>
[Integration]
public class CrashSafetyTests
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private CancellationToken Token => TestContext.Current.CancellationToken;

    private sealed class CrashAt(string checkpoint) : ISyncCheckpoints
    {
        private int crashed;
        public bool Crashed => crashed == 1;
        public ValueTask ReachedAsync(string reached) =>
            reached == checkpoint && Interlocked.Exchange(ref crashed, 1) == 0 ? throw new InvalidOperationException($"crash at {reached}") : ValueTask.CompletedTask;
    }

    private sealed record EndState(long Available, long Reserved, long HotWallet, int HubWithdrawals, int AppliedBatches, WithdrawalState Withdrawal);

    public static TheoryData<string> CrashPoints() => new(Checkpoints.All);

    [Fact]
    public async Task Without_a_crash_the_story_ends_as_expected()
    {
        var end = await PlayAsync(crashAt: null);

        Assert.Equal(new EndState(7_000_000, 0, 10_000_000, 1, 1, WithdrawalState.Completed), end);
    }

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task A_crash_at_any_checkpoint_ends_in_the_same_state_after_a_restart(string crashAt)
    {
        var end = await PlayAsync(crashAt);

        Assert.Equal(new EndState(7_000_000, 0, 10_000_000, 1, 1, WithdrawalState.Completed), end);
    }

    // Deposit 10 Mi, credit it, withdraw 3 Mi, move the deposit to the hot wallet, pay out until Hub's
    // sweep is confirmed; the crash, if any, hits once, and a restarted instance then runs every step
    // again until done.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    private async Task<EndState> PlayAsync(string? crashAt)
    {
        await using var hub = await EmulatorHost.StartAsync();
        await using var store = await TestStore.CreateAsync(Engine);
        Action<IServiceCollection> settings = s => s.Configure<HubSyncOptions>(o => o.UnknownOutcomeGrace = Grace);
        var crash = crashAt is null ? null : new CrashAt(crashAt);
        DateTimeOffset stoppedAt;

        await using (var first = await CoreDatabase.CreateAsync(s =>
                     {
                         settings(s);
                         if (crash is not null) s.AddSingleton<ISyncCheckpoints>(crash);
                     }, hub.BaseAddress, store))
        {
            var address = (await first.Get<DepositAddressService>().RequestAsync("alice", Token)).Address!.Address;
            await hub.DepositAsync(address, 10_000_000);
            await hub.TickAsync("monitor");
            await hub.TickAsync("sweep");
            await hub.ConfirmSweepsAsync();
            await IgnoringTheCrash(async () =>
            {
                for (var i = 0; i < 3; i++) await RunAllAsync(first, hub);
            });
            stoppedAt = first.Time.GetUtcNow();
        }
        Assert.True(crash?.Crashed ?? true, $"the run never reached {crashAt}");

        await using var restarted = await CoreDatabase.CreateAsync(settings, hub.BaseAddress, store);
        restarted.Time.SetUtcNow(stoppedAt); // the clock goes on where the crashed instance stopped
        for (var i = 0; i < 3; i++) await RunAllAsync(restarted, hub);
        return await EndStateAsync(restarted, hub);
    }

    // Every step may be run again: each does what is left to do.
    private static async Task RunAllAsync(CoreDatabase exchange, EmulatorHost hub)
    {
        exchange.Time.Advance(Grace + TimeSpan.FromSeconds(1)); // runs are further apart than the grace period
        await exchange.Get<BalanceSync>().RunAsync();
        await RequestWithdrawalOnceAsync(exchange);
        await exchange.Get<HotWalletSweeper>().RunAsync();
        await hub.TickAsync("sweep");
        await hub.ConfirmSweepsAsync();
        await exchange.Get<WithdrawalProcessor>().RunAsync();
    }

    private static async Task RequestWithdrawalOnceAsync(CoreDatabase exchange)
    {
        await using (var db = exchange.NewContext())
            if (await db.Withdrawals.AnyAsync() || !await db.Accounts.AnyAsync(a => a.Available >= 3_000_000)) return;
        var result = await exchange.Get<UserWithdrawalCommands>().RequestAsync(new WithdrawalRequest("alice", CoinSymbols.Iota, "3", TestAddresses.Payout));
        Assert.True(result.Succeeded);
    }


    private static async Task IgnoringTheCrash(Func<Task> run)
    {
        try
        {
            await run();
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("crash at", StringComparison.Ordinal))
        {
        }
    }

    private async Task<EndState> EndStateAsync(CoreDatabase exchange, EmulatorHost hub)
    {
        var client = HubClients.For(hub.BaseAddress);
        var account = (await exchange.Get<LedgerService>().AccountsOfAsync("alice", Token)).Single();
        Assert.True((await exchange.Get<Reconciliation>().RunAsync(Token)).IsBalanced);
        await using var db = exchange.NewContext();
        var withdrawal = await db.Withdrawals.SingleAsync(Token);
        var applied = await db.HotWalletBatches.CountAsync(b => b.State == HotWalletBatchState.Applied, Token);
        var hubWithdrawals = (await client.GetUserHistoryAsync("user-hot-wallet", 0, Token)).Count(e => e.Reason == UserHistoryReason.Withdrawal);
        return new EndState(account.Available, account.Reserved, await client.GetBalanceAsync("user-hot-wallet", Token) + 3_000_000,
            hubWithdrawals, applied, withdrawal.State);
    }
}

public sealed class CrashSafetyOnPostgreSqlTests : CrashSafetyTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
