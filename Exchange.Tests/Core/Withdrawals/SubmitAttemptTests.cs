using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Withdrawals;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Core.Withdrawals;

/// <summary>
/// Two nodes on one database and one Hub (emulator over HTTP). The first stalls inside its call of
/// UserWithdraw, as a long GC pause, a paused VM or SIGSTOP lets a node do, while the other judges
/// the attempt unknown, settles it from Hub's history and sends the withdrawal again: the stalled
/// attempt neither calls Hub past its deadline nor records over the newer attempt, and Hub pays once.
/// </summary>
[Integration]
public class SubmitAttemptTests : IAsyncLifetime
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private EmulatorHost hub = null!;
    private TestStore store = null!;
    private CoreDatabase stalled = null!;
    private CoreDatabase other = null!;
    private readonly Hold stalledHold = new();
    private readonly Hold otherHold = new();

    public async ValueTask InitializeAsync()
    {
        hub = await EmulatorHost.StartAsync();
        store = await TestStore.CreateAsync(Engine);
        stalled = await CoreDatabase.CreateAsync(s => Configure(s, stalledHold), hub.BaseAddress, store);
        other = await CoreDatabase.CreateAsync(s => Configure(s, otherHold), hub.BaseAddress, store);
    }

    public async ValueTask DisposeAsync()
    {
        stalledHold.Release();
        otherHold.Release();
        await other.DisposeAsync();
        await stalled.DisposeAsync();
        await store.DisposeAsync();
        await hub.DisposeAsync();
    }

    private static void Configure(IServiceCollection services, Hold hold)
    {
        services.Configure<HubSyncOptions>(o => o.UnknownOutcomeGrace = Grace);
        services.Configure<HubOptions>(o => o.TimeoutSeconds = 3);
        services.AddSingleton<ISyncCheckpoints>(hold);
    }

    /// <summary>Holds a node's withdrawal job once at one checkpoint until the test lets it go on.</summary>
    private sealed class Hold : ISyncCheckpoints
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string? checkpoint;

        public void At(string name) => checkpoint = name;

        public Task Reached => reached.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);

        public void Release() => released.TrySetResult();

        public async ValueTask ReachedAsync(string name)
        {
            if (name == checkpoint && reached.TrySetResult()) await released.Task;
        }
    }

    /// <summary>Alice deposits through Hub and the first node moves it to the hot wallet, which can then pay.</summary>
    private async Task FundAliceAsync()
    {
        var address = (await stalled.Get<DepositAddressService>().RequestAsync("alice", Token)).Address!.Address;
        await hub.DepositAsync(address, 50_000_000);
        await hub.TickAsync("monitor");
        await hub.TickAsync("sweep");
        await stalled.Get<BalanceSync>().RunAsync(Token);
        await stalled.Get<HotWalletSweeper>().RunAsync(Token);
        await hub.ConfirmSweepsAsync();
    }

    /// <summary>Both nodes' clocks move on past the grace period, the stalled node's too, as a stall does not stop time.</summary>
    private void PassGrace()
    {
        stalled.Time.Advance(Grace + TimeSpan.FromSeconds(1));
        other.Time.Advance(Grace + TimeSpan.FromSeconds(1));
    }

    private Task<WithdrawalRunResult> RunAsync(CoreDatabase node) => Task.Run(() => node.Get<WithdrawalProcessor>().RunAsync(Token), Token);

    private async Task<List<UserHistoryEvent>> HubWithdrawalsAsync() =>
        (await HubClients.For(hub.BaseAddress).GetUserHistoryAsync("user-hot-wallet", 0, Token)).Where(e => e.Reason == UserHistoryReason.Withdrawal).ToList();

    [Fact]
    public async Task A_node_stalled_past_its_deadline_before_the_call_does_not_call_hub_after_the_other_node_sent_the_withdrawal_again()
    {
        await FundAliceAsync();
        var id = await stalled.RequestWithdrawalAsync("alice", "10");
        stalledHold.At(Checkpoints.WithdrawalBegun);

        var stalledRun = RunAsync(stalled);
        await stalledHold.Reached;
        PassGrace();
        var judged = await RunAsync(other);
        PassGrace();
        var resent = await RunAsync(other);
        stalledHold.Release();
        var late = await stalledRun;

        Assert.Equal(1, judged.Unknown);
        Assert.Equal((1, 1), (resent.Reconciled, resent.Submitted));
        Assert.Equal((0, 0, 0), (late.Submitted, late.Unknown, late.Late));
        var paid = Assert.Single(await HubWithdrawalsAsync());
        var withdrawal = await other.WithdrawalAsync(id);
        Assert.Equal((WithdrawalState.Submitted, 2, paid.WithdrawalUuid), (withdrawal.State, withdrawal.SubmitAttempt, withdrawal.HubUuid));
        Assert.Equal((40_000_000L, 10_000_000L), await other.BalanceAsync("alice"));
    }

    [Fact]
    public async Task An_attempt_held_up_past_its_deadline_goes_back_in_the_queue_without_calling_hub_and_the_next_run_sends_it()
    {
        await FundAliceAsync();
        var id = await stalled.RequestWithdrawalAsync("alice", "10");
        stalledHold.At(Checkpoints.WithdrawalBegun);

        var run = RunAsync(stalled);
        await stalledHold.Reached;
        stalled.Time.Advance(Grace); // past markedAt + grace - Hub:TimeoutSeconds - margin
        stalledHold.Release();
        var held = await run;
        var queued = await stalled.WithdrawalAsync(id);
        var paidBefore = await HubWithdrawalsAsync();
        var next = await RunAsync(stalled);

        Assert.Equal((1, 0), (held.Late, held.Submitted));
        Assert.EndsWith("1 not sent (held up past the deadline of the call, queued again)", held.Summary);
        Assert.Equal((WithdrawalState.Approved, "Waiting to be sent to IOTA Hub again."), (queued.State, queued.Reason));
        Assert.Empty(paidBefore);
        Assert.Equal(1, next.Submitted);
        Assert.Single(await HubWithdrawalsAsync());
    }

    [Fact]
    public async Task An_overtaken_attempt_cannot_put_the_newer_attempt_back_in_the_queue_so_hub_pays_once()
    {
        await FundAliceAsync();
        var id = await stalled.RequestWithdrawalAsync("alice", "10");
        await hub.ControlAsync("fault", new { kind = "error", command = "UserWithdraw", error = "IOTA node is unavailable" });
        stalledHold.At(Checkpoints.WithdrawalSent);
        otherHold.At(Checkpoints.WithdrawalBegun);

        // Hub turns the first node's call away for now, and the node stalls before it puts the withdrawal back in the queue.
        var stalledRun = RunAsync(stalled);
        await stalledHold.Reached;
        PassGrace();
        var judged = await RunAsync(other);
        PassGrace();
        // The other node finds Hub made nothing and sends it again; it is inside that call when the stalled node goes on.
        var otherRun = RunAsync(other);
        await otherHold.Reached;
        stalledHold.Release();
        var stale = await stalledRun;
        otherHold.Release();
        var resent = await otherRun;
        var after = await RunAsync(other);

        Assert.Equal(1, judged.Unknown);
        Assert.Equal(0, stale.Waiting);
        Assert.Equal((1, 1), (resent.Reconciled, resent.Submitted));
        Assert.Equal(0, after.Submitted);
        var paid = Assert.Single(await HubWithdrawalsAsync());
        var withdrawal = await other.WithdrawalAsync(id);
        Assert.Equal((WithdrawalState.Submitted, 2, paid.WithdrawalUuid), (withdrawal.State, withdrawal.SubmitAttempt, withdrawal.HubUuid));
    }
}

public sealed class SubmitAttemptOnPostgreSqlTests : SubmitAttemptTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
