using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Core.Withdrawals;

/// <summary>
/// A user's cancel of a submitted withdrawal whose answer from Hub was lost: after the grace period
/// the withdrawal job asks Hub WasWithdrawalCancelled and refunds it once, or follows it on.
/// </summary>
public class LostCancelTests : HubSyncTest
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    protected override void ConfigureExchange(IServiceCollection services)
    {
        services.Configure<HubSyncOptions>(o => o.UnknownOutcomeGrace = Grace);
        services.Configure<HubOptions>(o => o.TimeoutSeconds = 2);
    }

    private IHubClient Client => field ??= HubClients.For(Hub.BaseAddress, readRetries: 0);
    private WithdrawalProcessor Processor => Exchange.Get<WithdrawalProcessor>();
    private WithdrawalCancellation Cancellation => Exchange.Get<WithdrawalCancellation>();

    /// <summary>Alice has 50 Mi in the hot wallet and a 10 Mi withdrawal Hub has taken but not swept.</summary>
    private async Task<long> SubmittedWithdrawalAsync()
    {
        var address = (await Exchange.Get<DepositAddressService>().RequestAsync("alice", Token)).Address!.Address;
        await Hub.DepositAsync(address, 50_000_000);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await Exchange.Get<BalanceSync>().RunAsync(Token);
        await Exchange.Get<HotWalletSweeper>().RunAsync(Token);
        await Hub.ConfirmSweepsAsync();
        var id = await Exchange.RequestWithdrawalAsync("alice", "10");
        Assert.Equal(1, (await Processor.RunAsync(Token)).Submitted);
        return id;
    }

    /// <summary>The cancel reaches Hub only after the client gave up: Hub cancels it, the answer is lost.</summary>
    private async Task CancelWithTheAnswerLostAsync(long id)
    {
        await Hub.ControlAsync("fault", new { kind = "delay", delaySeconds = 3, command = "UserWithdrawCancel" });
        var result = await Cancellation.CancelAsync(id, "alice", Token);
        Assert.StartsWith("IOTA Hub did not answer, so it is not known yet whether the withdrawal was cancelled.", Assert.Single(result.Problems).Message);
        var uuid = (await Exchange.WithdrawalAsync(id)).HubUuid!;
        for (var i = 0; i < 100 && !await Client.WasWithdrawalCancelledAsync(uuid, Token); i++) await Task.Delay(100, Token);
        Assert.True(await Client.WasWithdrawalCancelledAsync(uuid, Token));
    }

    private void PassGrace() => Exchange.Time.Advance(Grace + TimeSpan.FromSeconds(1));

    private async Task<int> RefundsAsync() => (await Exchange.EntriesAsync("alice")).Count(e => e.Kind == LedgerEntryKind.WithdrawalRefund);

    [Fact]
    public async Task A_cancel_hub_made_but_whose_answer_was_lost_is_refunded_once_after_the_grace_period()
    {
        var id = await SubmittedWithdrawalAsync();
        await CancelWithTheAnswerLostAsync(id);

        var tooSoon = await Processor.RunAsync(Token);
        var waiting = await Exchange.WithdrawalAsync(id);
        var balanceWhileWaiting = await Exchange.BalanceAsync("alice");
        PassGrace();
        var settled = await Processor.RunAsync(Token);
        PassGrace();
        await Processor.RunAsync(Token);

        Assert.Equal(0, tooSoon.CancelsSettled);
        Assert.True(waiting.IsCancelling);
        Assert.Equal((40_000_000L, 10_000_000L), balanceWhileWaiting);
        Assert.Equal(1, settled.CancelsSettled);
        Assert.Equal(WithdrawalState.Cancelled, (await Exchange.WithdrawalAsync(id)).State);
        Assert.Equal((50_000_000L, 0L), await Exchange.BalanceAsync("alice"));
        Assert.Equal(1, await RefundsAsync());
        Assert.True((await Exchange.Get<Reconciliation>().RunAsync(Token)).IsBalanced);
    }

    [Fact]
    public async Task A_cancel_lost_before_hub_got_it_is_dropped_after_the_grace_period_and_the_withdrawal_is_paid_out()
    {
        var id = await SubmittedWithdrawalAsync();
        await Hub.ControlAsync("fault", new { kind = "drop", command = "UserWithdrawCancel" });
        var result = await Cancellation.CancelAsync(id, "alice", Token);
        var cancelling = await Exchange.WithdrawalAsync(id);

        PassGrace();
        var settled = await Processor.RunAsync(Token);
        var followedOn = await Exchange.WithdrawalAsync(id);
        await Hub.TickAsync("sweep");
        await Processor.RunAsync(Token);
        await Hub.ConfirmSweepsAsync();
        await Processor.RunAsync(Token);

        Assert.False(result.Succeeded);
        Assert.True(cancelling.IsCancelling);
        Assert.Equal(1, settled.CancelsSettled);
        Assert.Equal((WithdrawalState.Submitted, false), (followedOn.State, followedOn.IsCancelling));
        Assert.Equal(WithdrawalState.Completed, (await Exchange.WithdrawalAsync(id)).State);
        Assert.Equal((40_000_000L, 0L), await Exchange.BalanceAsync("alice"));
        Assert.Equal(0, await RefundsAsync());
    }

    [Fact]
    public async Task A_cancel_lost_while_hub_had_already_swept_the_withdrawal_ends_completed_without_a_refund()
    {
        var id = await SubmittedWithdrawalAsync();
        await Hub.TickAsync("sweep");
        await Hub.ControlAsync("fault", new { kind = "drop", command = "UserWithdrawCancel" });
        await Cancellation.CancelAsync(id, "alice", Token);

        PassGrace();
        await Processor.RunAsync(Token);
        await Hub.ConfirmSweepsAsync();
        await Processor.RunAsync(Token);

        var done = await Exchange.WithdrawalAsync(id);
        Assert.Equal((WithdrawalState.Completed, (DateTime?)null), (done.State, done.CancelRequestedAt));
        Assert.Equal((40_000_000L, 0L), await Exchange.BalanceAsync("alice"));
        Assert.Equal(0, await RefundsAsync());
    }

    [Fact]
    public async Task With_hub_down_during_the_check_nothing_changes_and_the_next_run_settles_it()
    {
        var id = await SubmittedWithdrawalAsync();
        await CancelWithTheAnswerLostAsync(id);
        PassGrace();
        await Hub.ControlAsync("fault", new { kind = "drop", command = "WasWithdrawalCancelled" });

        await Assert.ThrowsAsync<HubTransportException>(() => Processor.RunAsync(Token));
        var afterFailedRun = await Exchange.WithdrawalAsync(id);
        var balanceAfterFailedRun = await Exchange.BalanceAsync("alice");
        var next = await Processor.RunAsync(Token);

        Assert.True(afterFailedRun.IsCancelling);
        Assert.Equal((40_000_000L, 10_000_000L), balanceAfterFailedRun);
        Assert.Equal(1, next.CancelsSettled);
        Assert.Equal(WithdrawalState.Cancelled, (await Exchange.WithdrawalAsync(id)).State);
        Assert.Equal((50_000_000L, 0L), await Exchange.BalanceAsync("alice"));
        Assert.Equal(1, await RefundsAsync());
    }

    [Fact]
    public async Task Cancelling_again_after_a_lost_answer_refunds_at_once_when_hub_had_cancelled_it()
    {
        var id = await SubmittedWithdrawalAsync();
        await CancelWithTheAnswerLostAsync(id);

        var again = await Cancellation.CancelAsync(id, "alice", Token);

        Assert.True(again.Succeeded);
        Assert.Equal(WithdrawalState.Cancelled, (await Exchange.WithdrawalAsync(id)).State);
        Assert.Equal((50_000_000L, 0L), await Exchange.BalanceAsync("alice"));
        Assert.Equal(1, await RefundsAsync());
    }
}

public sealed class LostCancelOnPostgreSqlTests : LostCancelTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
