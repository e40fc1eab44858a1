using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Core.Withdrawals;

/// <summary>Withdrawals carried through the emulator: happy path, cancels, refusals, unknown outcomes, a short hot wallet.</summary>
public class WithdrawalProcessorTests : HubSyncTest
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    protected override void ConfigureExchange(IServiceCollection services)
    {
        services.Configure<HubSyncOptions>(o => o.UnknownOutcomeGrace = Grace);
        services.Configure<HubOptions>(o => o.TimeoutSeconds = 2);
    }

    /// <summary>Moves the exchange's clock past the grace period: an unknown outcome may now be settled.</summary>
    private void PassGrace() => Exchange.Time.Advance(Grace + TimeSpan.FromSeconds(1));

    private IHubClient Client => field ??= HubClients.For(Hub.BaseAddress, readRetries: 0);
    private WithdrawalProcessor Processor => Exchange.Get<WithdrawalProcessor>();

    private async Task FundAliceAsync(long amount, bool moveToHotWallet = true)
    {
        var address = (await Exchange.Get<DepositAddressService>().RequestAsync("alice", Token)).Address!.Address;
        await Hub.DepositAsync(address, amount);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await Exchange.Get<BalanceSync>().RunAsync(Token);
        if (moveToHotWallet) await Exchange.Get<HotWalletSweeper>().RunAsync(Token);
        await Hub.ConfirmSweepsAsync();
    }

    private async Task<long> RequestAsync(string amount, string address = TestAddresses.Payout)
    {
        var result = await Exchange.Get<UserWithdrawalCommands>().RequestAsync(new WithdrawalRequest("alice", CoinSymbols.Iota, amount, address), Token);
        Assert.True(result.Succeeded, string.Join(" ", result.Problems.Select(p => p.Message)));
        return result.Withdrawal!.Id;
    }

    private async Task<Withdrawal> WithdrawalAsync(long id)
    {
        await using var db = Exchange.NewContext();
        return await db.Withdrawals.AsNoTracking().SingleAsync(w => w.Id == id, Token);
    }

    private async Task<(long Available, long Reserved)> BalanceAsync()
    {
        var account = (await Exchange.Get<LedgerService>().AccountsOfAsync("alice", Token)).Single();
        return (account.Available, account.Reserved);
    }

    private async Task<int> HotWalletWithdrawalsAsync() =>
        (await Client.GetUserHistoryAsync("user-hot-wallet", 0, Token)).Count(e => e.Reason == UserHistoryReason.Withdrawal);

    [Fact]
    public async Task A_withdrawal_goes_from_request_to_confirmed_and_consumes_its_reserve()
    {
        await FundAliceAsync(50_000_000);
        var id = await RequestAsync("10");

        var submitted = await Processor.RunAsync(Token);
        var uuid = (await WithdrawalAsync(id)).HubUuid;
        await Hub.TickAsync("sweep");
        var swept = await Processor.RunAsync(Token);
        await Hub.ConfirmSweepsAsync();
        var confirmed = await Processor.RunAsync(Token);

        Assert.Equal((1, 1, 1), (submitted.Submitted, swept.Swept, confirmed.Completed));
        var done = await WithdrawalAsync(id);
        Assert.Equal((WithdrawalState.Completed, uuid), (done.State, done.HubUuid));
        Assert.Equal((40_000_000L, 0L), await BalanceAsync());
        Assert.True((await Exchange.Get<Reconciliation>().RunAsync(Token)).IsBalanced);
    }

    [Fact]
    public async Task An_approved_withdrawal_of_a_user_locked_afterwards_is_held_until_an_operator_unlocks_them()
    {
        await Exchange.AddUserAsync("alice", "alice@example.com");
        await FundAliceAsync(50_000_000);
        var id = await RequestAsync("10");
        var admin = Exchange.Get<UserAdministration>();
        var op = await Exchange.OperatorWithTwoFactorAsync();
        await admin.LockWithdrawalsAsync(op.WithCode(), "alice", "Suspected account takeover", Token);

        var whileLocked = await Processor.RunAsync(Token);
        var held = await WithdrawalAsync(id);
        await admin.UnlockWithdrawalsAsync(op.WithCode(), "alice", Token);
        var afterUnlock = await Processor.RunAsync(Token);

        Assert.Equal((0, 1), (whileLocked.Submitted, whileLocked.Held));
        Assert.EndsWith("1 held (the user's withdrawals are locked)", whileLocked.Summary);
        Assert.Equal(WithdrawalState.Approved, held.State);
        Assert.Equal((1, 0), (afterUnlock.Submitted, afterUnlock.Held));
        Assert.Equal(1, await HotWalletWithdrawalsAsync());
    }

    [Fact]
    public async Task A_user_cancels_a_submitted_withdrawal_through_hub_until_hub_sweeps_it()
    {
        await FundAliceAsync(50_000_000);
        var early = await RequestAsync("10");
        var late = await RequestAsync("5");
        await Processor.RunAsync(Token);

        var cancelled = await Exchange.Get<WithdrawalCancellation>().CancelAsync(early, "alice", Token);
        await Hub.TickAsync("sweep");
        await Processor.RunAsync(Token);
        var refused = await Exchange.Get<WithdrawalCancellation>().CancelAsync(late, "alice", Token);

        Assert.True(cancelled.Succeeded);
        Assert.True(await Client.WasWithdrawalCancelledAsync((await WithdrawalAsync(early)).HubUuid!, Token));
        Assert.Equal("IOTA Hub has already put this withdrawal into a sweep, so it can no longer be cancelled.", refused.Problems.Single().Message);
        Assert.Equal(WithdrawalState.Swept, (await WithdrawalAsync(late)).State);
        Assert.Equal((45_000_000L, 5_000_000L), await BalanceAsync());
    }

    [Fact]
    public async Task A_withdrawal_hub_refuses_for_good_fails_with_the_reason_and_is_refunded()
    {
        await FundAliceAsync(50_000_000);
        await Hub.ControlAsync("spent", new { address = TestAddresses.Payout });
        var id = await RequestAsync("10");

        var result = await Processor.RunAsync(Token);

        var failed = await WithdrawalAsync(id);
        Assert.Equal(1, result.Failed);
        Assert.Equal((WithdrawalState.Failed, "IOTA Hub refused the withdrawal: Address was already spent."), (failed.State, failed.Reason));
        Assert.Equal((50_000_000L, 0L), await BalanceAsync());
    }

    [Fact]
    public async Task An_unknown_outcome_that_hub_did_make_is_adopted_not_sent_again()
    {
        await FundAliceAsync(50_000_000);
        var id = await RequestAsync("10");
        await Hub.ControlAsync("fault", new { kind = "delay", delaySeconds = 3, command = "UserWithdraw" });

        var first = await Processor.RunAsync(Token);
        for (var i = 0; i < 150 && await HotWalletWithdrawalsAsync() == 0; i++) await Task.Delay(100, Token); // the slow call lands at Hub
        await Hub.TickAsync("sweep"); // where Hub's withdrawal pays shows in its sweep
        PassGrace();
        var second = await Processor.RunAsync(Token);

        Assert.Equal((1, 1), (first.Unknown, second.Reconciled));
        var adopted = await WithdrawalAsync(id);
        Assert.Equal(WithdrawalState.Swept, adopted.State);
        var hubWithdrawal = (await Client.GetUserHistoryAsync("user-hot-wallet", 0, Token)).Single(e => e.Reason == UserHistoryReason.Withdrawal);
        Assert.Equal(hubWithdrawal.WithdrawalUuid, adopted.HubUuid);
        Assert.Equal(1, await HotWalletWithdrawalsAsync());
    }

    [Fact]
    public async Task An_unknown_outcome_hub_never_received_is_sent_once_more()
    {
        await FundAliceAsync(50_000_000);
        var id = await RequestAsync("10");
        await Hub.ControlAsync("fault", new { kind = "drop", command = "UserWithdraw" });

        var first = await Processor.RunAsync(Token);
        PassGrace();
        var second = await Processor.RunAsync(Token);

        Assert.Equal((1, 1, 1), (first.Unknown, second.Reconciled, second.Submitted));
        Assert.Equal(WithdrawalState.Submitted, (await WithdrawalAsync(id)).State);
        Assert.Equal(1, await HotWalletWithdrawalsAsync());
    }

    [Theory]
    [InlineData("drop", null)]
    [InlineData("http500", null)]
    [InlineData("garbage", null)]
    [InlineData("error", "Unknown error")]
    public async Task An_answer_that_leaves_open_what_hub_did_is_an_unknown_outcome_settled_from_hubs_history_and_paid_once(string kind, string? error)
    {
        await FundAliceAsync(50_000_000);
        var id = await RequestAsync("10");
        await Hub.ControlAsync("fault", new { kind, command = "UserWithdraw", error });

        var first = await Processor.RunAsync(Token);
        var afterCall = await WithdrawalAsync(id);
        var reserved = await BalanceAsync();
        PassGrace();
        var second = await Processor.RunAsync(Token);

        Assert.Equal((0, 1), (first.Failed, first.Unknown));
        Assert.Equal(WithdrawalState.Unknown, afterCall.State);
        Assert.Equal((40_000_000L, 10_000_000L), reserved); // not refunded: Hub may have paid it
        Assert.Equal((1, 1), (second.Reconciled, second.Submitted));
        Assert.Equal(WithdrawalState.Submitted, (await WithdrawalAsync(id)).State);
        Assert.Equal(1, await HotWalletWithdrawalsAsync());
    }

    [Theory]
    [InlineData("Invalid address")]
    [InlineData("Invalid checksum")]
    [InlineData("User does not exist")]
    public async Task A_refusal_that_says_hub_did_nothing_fails_the_withdrawal_with_hubs_reason_and_refunds_it(string error)
    {
        await FundAliceAsync(50_000_000);
        var id = await RequestAsync("10");
        await Hub.ControlAsync("fault", new { kind = "error", command = "UserWithdraw", error });

        var result = await Processor.RunAsync(Token);

        var failed = await WithdrawalAsync(id);
        Assert.Equal(1, result.Failed);
        Assert.Equal((WithdrawalState.Failed, $"IOTA Hub refused the withdrawal: {error}."), (failed.State, failed.Reason));
        Assert.Equal((50_000_000L, 0L), await BalanceAsync());
        Assert.Equal(0, await HotWalletWithdrawalsAsync());
    }

    [Theory]
    [InlineData("Insufficient balance", "Waiting for hot-wallet funds.")]
    [InlineData("IOTA node is unavailable", "Waiting for the IOTA node to come back.")]
    public async Task A_refusal_for_now_puts_the_withdrawal_back_in_the_queue_and_the_next_run_pays_it(string error, string reason)
    {
        await FundAliceAsync(50_000_000);
        var id = await RequestAsync("10");
        await Hub.ControlAsync("fault", new { kind = "error", command = "UserWithdraw", error });

        var first = await Processor.RunAsync(Token);
        var waiting = await WithdrawalAsync(id);
        var second = await Processor.RunAsync(Token);

        Assert.Equal((1, 1), (first.Waiting, second.Submitted));
        Assert.Equal((WithdrawalState.Approved, reason), (waiting.State, waiting.Reason));
        Assert.Equal(1, await HotWalletWithdrawalsAsync());
    }

    [Fact]
    public async Task A_withdrawal_waits_while_the_hot_wallet_is_short_and_goes_once_it_is_topped_up()
    {
        await FundAliceAsync(50_000_000, moveToHotWallet: false);
        var id = await RequestAsync("10");

        var waiting = await Processor.RunAsync(Token);
        var whileWaiting = await WithdrawalAsync(id);
        await Exchange.Get<HotWalletSweeper>().RunAsync(Token);
        var paid = await Processor.RunAsync(Token);

        Assert.Equal(1, waiting.Waiting);
        Assert.Equal((WithdrawalState.Approved, "Waiting for hot-wallet funds."), (whileWaiting.State, whileWaiting.Reason));
        Assert.Equal(1, paid.Submitted);
        Assert.Equal(WithdrawalState.Submitted, (await WithdrawalAsync(id)).State);
    }
}

public sealed class WithdrawalProcessorOnPostgreSqlTests : WithdrawalProcessorTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
