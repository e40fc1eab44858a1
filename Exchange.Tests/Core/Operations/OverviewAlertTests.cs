using Exchange.Core.Accounts;
using Exchange.Core.HotWallet;
using Exchange.Core.HubSync;
using Exchange.Core.Jobs;
using Exchange.Core.Operations;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Exchange.Tests.Infrastructure.OperatorSteps;

namespace Exchange.Tests.Core.Operations;

/// <summary>The overview's alerts at the thresholds operators configure (section Operator), against a live emulator.</summary>
public class OverviewAlertTests : HubSyncTest
{
    private const string Stuck = "1 withdrawal(s) have not moved for over 30 minute(s) (a short hot wallet, or Hub not sweeping).";

    protected override void ConfigureExchange(IServiceCollection services) => services.Configure<OperatorOptions>(o =>
    {
        o.HotWalletFloor = 5_000_000;
        o.JobFailuresBeforeAlert = 2;
        o.StuckWithdrawalAge = TimeSpan.FromMinutes(30);
    });

    private async Task<IReadOnlyList<string>> AlertsAsync(CoreDatabase? core = null) => (await (core ?? Exchange).Get<OperatorOverview>().LoadAsync(Token)).Alerts;

    private SteppedUpOperator? op;

    /// <summary>The operator (with two-factor on) and a fresh code, for one action.</summary>
    private async Task<OperatorCredentials> OperatorCodeAsync() => (op ??= await Exchange.OperatorWithTwoFactorAsync(Operator, OperatorEmail)).WithCode();

    private async Task TopUpAsync(long amount)
    {
        var address = (await Exchange.Get<HotWalletService>().RequestDepositAddressAsync(await OperatorCodeAsync(), Token)).Message;
        await Hub.DepositAsync(address, amount);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await Exchange.Get<BalanceSync>().RunAsync(Token);
    }

    private Task<JobOutcome> RunJobAsync(string job, bool fails) =>
        Exchange.Get<JobRunner>().RunAsync(job,
            _ => fails ? Task.FromException<int>(new InvalidOperationException($"{job}: IOTA Hub did not answer")) : Task.FromResult(1),
            n => $"{n} done", force: true, Token);

    [Fact]
    public async Task A_hot_wallet_below_the_floor_is_the_first_alert_until_it_is_topped_up_to_the_floor()
    {
        var empty = await AlertsAsync();
        await TopUpAsync(4_000_000);
        var low = await AlertsAsync();
        await TopUpAsync(1_000_000);
        var atFloor = await AlertsAsync();

        Assert.Equal("The hot wallet holds 0 MIOTA, below the floor of 5 MIOTA: top it up from cold storage.", empty[0]);
        Assert.Equal("The hot wallet holds 4 MIOTA, below the floor of 5 MIOTA: top it up from cold storage.", low[0]);
        Assert.DoesNotContain(atFloor, a => a.StartsWith("The hot wallet holds", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_floor_of_zero_never_alerts_and_an_unreachable_hub_is_no_floor_alert()
    {
        await using var noFloor = await CoreDatabase.CreateAsync(s => s.Configure<OperatorOptions>(o => o.HotWalletFloor = 0), Hub.BaseAddress);

        var alerts = await AlertsAsync(noFloor);
        await Hub.ControlAsync("fault", new { kind = "http500", count = 10 });
        var down = await AlertsAsync();

        Assert.Empty(alerts);
        Assert.DoesNotContain(down, a => a.StartsWith("The hot wallet holds", StringComparison.Ordinal));
        Assert.Contains(down, a => a.StartsWith("IOTA Hub is unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_job_that_failed_its_last_n_runs_is_an_alert_with_its_last_error_until_it_succeeds()
    {
        await TopUpAsync(5_000_000);
        await RunJobAsync("balance-sync", fails: true);
        var once = await AlertsAsync();
        await RunJobAsync("balance-sync", fails: true);
        await RunJobAsync("withdrawals", fails: true);
        var twice = await AlertsAsync();
        await RunJobAsync("balance-sync", fails: false);
        await RunJobAsync("balance-sync", fails: true);
        var recovered = await AlertsAsync();

        Assert.Empty(once);
        Assert.Equal(["The balance-sync job failed its last 2 runs: balance-sync: IOTA Hub did not answer"], twice);
        Assert.Empty(recovered);
    }

    [Fact]
    public async Task A_withdrawal_that_has_not_moved_for_longer_than_the_configured_age_is_an_alert()
    {
        await TopUpAsync(5_000_000);
        await Exchange.FundAsync("alice", 500_000_000);
        await Exchange.RequestWithdrawalAsync("alice", "10");
        var waiting = await Exchange.RequestWithdrawalAsync("alice", "150"); // awaits an operator: not stuck in the job's hands

        Exchange.Time.Advance(TimeSpan.FromMinutes(29));
        var young = await AlertsAsync();
        Exchange.Time.Advance(TimeSpan.FromMinutes(2));
        var old = await AlertsAsync();

        Assert.Equal(WithdrawalState.AwaitingApproval, (await Exchange.WithdrawalAsync(waiting)).State);
        Assert.Empty(young);
        Assert.Equal([Stuck], old);
    }

    [Fact]
    public async Task An_approved_withdrawal_held_by_a_lock_is_its_own_alert_and_not_counted_as_stuck()
    {
        await TopUpAsync(5_000_000);
        await Exchange.AddUserAsync("alice", "alice@example.com");
        await Exchange.FundAsync("alice", 500_000_000);
        await Exchange.RequestWithdrawalAsync("alice", "10");
        await Exchange.Get<UserAdministration>().LockWithdrawalsAsync(await OperatorCodeAsync(), "alice", "Checking a deposit", Token);

        Exchange.Time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(["1 approved withdrawal(s) are held because their users' withdrawals are locked; they go to Hub once the user is unlocked."], await AlertsAsync());
    }

    [Fact]
    public async Task A_submitted_withdrawal_hub_does_not_sweep_is_stuck_too_and_moving_it_clears_the_alert()
    {
        await TopUpAsync(20_000_000);
        await Hub.ConfirmSweepsAsync(); // Hub spends only hub addresses whose incoming sweep is confirmed
        await Exchange.FundAsync("alice", 50_000_000);
        var id = await Exchange.RequestWithdrawalAsync("alice", "10");
        await Exchange.Get<WithdrawalProcessor>().RunAsync(Token);
        Exchange.Time.Advance(TimeSpan.FromMinutes(31));
        var submitted = await AlertsAsync();

        await Hub.TickAsync("sweep");
        await Exchange.Get<WithdrawalProcessor>().RunAsync(Token);
        var swept = await AlertsAsync();

        Assert.Equal(WithdrawalState.Swept, (await Exchange.WithdrawalAsync(id)).State);
        Assert.Contains(Stuck, submitted);
        Assert.DoesNotContain(Stuck, swept);
    }

    [Fact]
    public async Task Unknown_outcomes_of_a_withdrawal_and_of_a_send_to_cold_storage_are_alerts()
    {
        var first = (Operator, await Exchange.AddOperatorAsync(Operator, OperatorEmail));
        var second = (ApprovalSteps.Second, await Exchange.AddOperatorAsync(ApprovalSteps.Second, ApprovalSteps.SecondEmail));
        op = new SteppedUpOperator(first.Item1, first.Item2, Exchange.Time); // the top-up's codes come from the same key
        await Exchange.ListColdStorageAsync(TestAddresses.OtherPayout, "Vault A", first, second);
        await TopUpAsync(30_000_000); // the unknown withdrawal may still need 10 MIOTA of it
        await Exchange.FundAsync("alice", 50_000_000);
        await Exchange.RequestWithdrawalAsync("alice", "10");
        await Hub.ControlAsync("fault", new { kind = "drop", command = "UserWithdraw", count = 2 });

        await Exchange.Get<WithdrawalProcessor>().RunAsync(Token);
        var send = await Exchange.SendApprovedAsync("1", TestAddresses.OtherPayout, "Surplus", first, second);
        var alerts = await AlertsAsync();

        Assert.False(send.Succeeded);
        Assert.StartsWith("IOTA Hub did not answer", send.Message, StringComparison.Ordinal);
        Assert.Equal(HotWalletTransferState.Unknown, (await Exchange.Get<HotWalletService>().RecentAsync(cancellationToken: Token))[0].State);
        Assert.Equal([
            "1 withdrawal(s) have an unknown outcome and wait for reconciliation.",
            "1 send(s) to cold storage have an unknown outcome: check the hot wallet's Hub history.",
        ], alerts);
    }
}
