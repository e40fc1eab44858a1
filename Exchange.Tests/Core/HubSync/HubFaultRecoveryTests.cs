using Exchange.Core.Coins;
using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Jobs;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Core.HubSync;

/// <summary>
/// Every Hub fault during every job: the run fails and is recorded as failed (a down IOTA node only
/// makes withdrawals wait), later runs recover, and the end state is the one a run without faults reaches.
/// </summary>
public class HubFaultRecoveryTests : HubSyncTest
{
    protected override void ConfigureExchange(IServiceCollection services)
    {
        services.Configure<HubSyncOptions>(o => o.UnknownOutcomeGrace = TimeSpan.FromSeconds(5));
        services.Configure<HubOptions>(o => o.TimeoutSeconds = 2);
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
        var runner = Exchange.Get<JobRunner>();
        var address = (await Exchange.Get<DepositAddressService>().RequestAsync("alice", Token)).Address!.Address;
        await Hub.DepositAsync(address, 10_000_000);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await RunUpToAsync(job);
        if (job == "withdrawals")
            await Exchange.Get<UserWithdrawalCommands>().RequestAsync(new WithdrawalRequest("alice", CoinSymbols.Iota, "2", TestAddresses.Payout), Token);

        await Hub.ControlAsync("fault", new { kind = fault, count = 20, delaySeconds = 3 });
        var faulty = await RunJobAsync(runner, job, force: true);
        await Hub.ControlAsync("fault", new { kind = "none" });
        await Task.Delay(TimeSpan.FromSeconds(fault == "delay" ? 3 : 0), Token);
        for (var i = 0; i < 3; i++)
        {
            Exchange.Time.Advance(TimeSpan.FromSeconds(6)); // past the grace: unknown outcomes may be settled
            if (job == "withdrawals") await Hub.TickAsync("sweep"); // where a withdrawal Hub made pays shows in its sweep
            await RunJobAsync(runner, job, force: true);
        }

        // A node that is down is not a Hub fault for these calls: withdrawals wait in the queue with the reason.
        Assert.Equal(fault == "nodeUnavailable" ? JobOutcome.Succeeded : JobOutcome.Failed, faulty);
        await AssertEndStateAsync(job);
    }

    private async Task RunUpToAsync(string job)
    {
        if (job == "balance-check") return;
        await Exchange.Get<BalanceSync>().RunAsync(Token);
        if (job == "hot-wallet-sweep") return;
        await Exchange.Get<HotWalletSweeper>().RunAsync(Token);
        await Hub.ConfirmSweepsAsync();
    }

    private Task<JobOutcome> RunJobAsync(JobRunner runner, string job, bool force) => job switch
    {
        "balance-check" => runner.RunAsync(job, Exchange.Get<BalanceSync>().RunAsync, r => r.Summary, force, Token),
        "hot-wallet-sweep" => runner.RunAsync(job, Exchange.Get<HotWalletSweeper>().RunAsync, r => r.Summary, force, Token),
        _ => runner.RunAsync(job, Exchange.Get<WithdrawalProcessor>().RunAsync, r => r.Summary, force, Token),
    };

    private async Task AssertEndStateAsync(string job)
    {
        var client = HubClients.For(Hub.BaseAddress);
        var account = (await Exchange.Get<LedgerService>().AccountsOfAsync("alice", Token)).Single();
        Assert.True((await Exchange.Get<Reconciliation>().RunAsync(Token)).IsBalanced);
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
                await using (var db = Exchange.NewContext())
                    Assert.Equal(WithdrawalState.Swept, (await db.Withdrawals.SingleAsync(Token)).State);
                var withdrawals = (await client.GetUserHistoryAsync("user-hot-wallet", 0, Token)).Count(e => e.Reason == UserHistoryReason.Withdrawal);
                Assert.Equal(1, withdrawals);
                Assert.Equal((8_000_000L, 2_000_000L), (account.Available, account.Reserved));
                break;
        }
    }
}

public sealed class HubFaultRecoveryOnPostgreSqlTests : HubFaultRecoveryTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
