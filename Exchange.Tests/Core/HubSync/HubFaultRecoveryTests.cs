using Exchange.Core.Coins;
using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Jobs;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Exchange.Hub.Client;
using Exchange.Tests.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Core.HubSync;

/// <summary>
/// Every Hub fault during every job: the run fails and is recorded as failed (a down IOTA node only
/// makes withdrawals wait), later runs recover, and the end state is the one a run without faults reaches.
/// </summary>
public class HubFaultRecoveryTests : IAsyncLifetime
{
    private EmulatorHost hub = null!;
    private CoreDatabase exchange = null!;
    private CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        hub = await EmulatorHost.StartAsync();
        exchange = await CoreDatabase.CreateAsync(s =>
        {
            s.Configure<HubSyncOptions>(o => o.UnknownOutcomeGrace = TimeSpan.Zero);
            s.Configure<HubOptions>(o => o.TimeoutSeconds = 1);
        }, hub.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await exchange.DisposeAsync();
        await hub.DisposeAsync();
    }

    public static TheoryData<string, string> FaultsAndJobs()
    {
        var data = new TheoryData<string, string>();
        foreach (var fault in new[] { "drop", "delay", "http500", "garbage", "nodeUnavailable" })
            foreach (var job in new[] { "balance-check", "hot-wallet-sweep", "withdrawals" })
                data.Add(fault, job);
        return data;
    }

    [Theory]
    [MemberData(nameof(FaultsAndJobs))]
    public async Task A_job_hit_by_a_hub_fault_fails_visibly_and_a_later_run_reaches_the_right_state(string fault, string job)
    {
        var runner = exchange.Get<JobRunner>();
        var address = (await exchange.Get<DepositAddressService>().RequestAsync("alice", Token)).Address!.Address;
        await hub.DepositAsync(address, 10_000_000);
        await hub.TickAsync("monitor");
        await hub.TickAsync("sweep");
        await RunUpToAsync(job);
        if (job == "withdrawals")
            await exchange.Get<WithdrawalService>().RequestAsync(new WithdrawalRequest("alice", CoinSeed.Iota, "2", WithdrawalServiceTests.Payout), Token);

        await hub.ControlAsync("fault", new { kind = fault, count = 20, delaySeconds = 2 });
        var faulty = await RunJobAsync(runner, job, force: true);
        await hub.ControlAsync("fault", new { kind = "none" });
        await Task.Delay(TimeSpan.FromSeconds(fault == "delay" ? 2.5 : 0), Token);
        for (var i = 0; i < 3; i++) await RunJobAsync(runner, job, force: true);

        // A node that is down is not a Hub fault for these calls: withdrawals wait in the queue with the reason.
        Assert.Equal(fault == "nodeUnavailable" ? JobOutcome.Succeeded : JobOutcome.Failed, faulty);
        await AssertEndStateAsync(job);
    }

    private async Task RunUpToAsync(string job)
    {
        if (job == "balance-check") return;
        await exchange.Get<BalanceSync>().RunAsync(Token);
        if (job == "hot-wallet-sweep") return;
        await exchange.Get<HotWalletSweeper>().RunAsync(Token);
        await hub.TickAsync("attachment");
        hub.Time.Advance(TimeSpan.FromMinutes(1));
        await hub.TickAsync("attachment");
        hub.Time.Advance(TimeSpan.FromSeconds(1));
    }

    private Task<JobOutcome> RunJobAsync(JobRunner runner, string job, bool force) => job switch
    {
        "balance-check" => runner.RunAsync(job, exchange.Get<BalanceSync>().RunAsync, r => r.Summary, force, Token),
        "hot-wallet-sweep" => runner.RunAsync(job, exchange.Get<HotWalletSweeper>().RunAsync, r => r.Summary, force, Token),
        _ => runner.RunAsync(job, exchange.Get<WithdrawalProcessor>().RunAsync, r => r.Summary, force, Token),
    };

    private async Task AssertEndStateAsync(string job)
    {
        var client = HubClients.For(hub.BaseAddress);
        var account = (await exchange.Get<LedgerService>().AccountsOfAsync("alice", Token)).Single();
        Assert.True((await exchange.Get<Reconciliation>().RunAsync(Token)).IsBalanced);
        switch (job)
        {
            case "balance-check":
                Assert.Equal(10_000_000, account.Available);
                break;
            case "hot-wallet-sweep":
                Assert.Equal(10_000_000, await client.GetBalanceAsync("user-hot-wallet", Token));
                Assert.Equal(0, await client.GetBalanceAsync("user-1", Token));
                break;
            default:
                await using (var db = exchange.NewContext())
                    Assert.Equal(WithdrawalState.Submitted, (await db.Withdrawals.SingleAsync(Token)).State);
                var withdrawals = (await client.GetUserHistoryAsync("user-hot-wallet", 0, Token)).Count(e => e.Reason == UserHistoryReason.Withdrawal);
                Assert.Equal(1, withdrawals);
                Assert.Equal((8_000_000L, 2_000_000L), (account.Available, account.Reserved));
                break;
        }
    }
}
