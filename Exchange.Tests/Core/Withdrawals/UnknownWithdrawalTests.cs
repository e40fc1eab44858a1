using Exchange.Core.Accounts;
using Exchange.Core.Deposits;
using Exchange.Core.HotWallet;
using Exchange.Core.HubSync;
using Exchange.Core.Withdrawals;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Exchange.Tests.Infrastructure.OperatorSteps;

namespace Exchange.Tests.Core.Withdrawals;

/// <summary>
/// Withdrawals whose UserWithdraw outcome is unknown, as an operator settles them: the finding is
/// made from the hot wallet's Hub history (emulator over HTTP), after the grace period only.
/// </summary>
public class UnknownWithdrawalTests : HubSyncTest
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    protected override void ConfigureExchange(IServiceCollection services)
    {
        services.Configure<HubSyncOptions>(o => o.UnknownOutcomeGrace = Grace);
        services.Configure<HubOptions>(o => o.TimeoutSeconds = 2);
    }

    private IHubClient Client => field ??= HubClients.For(Hub.BaseAddress, readRetries: 0);
    private UnknownWithdrawals Unknown => Exchange.Get<UnknownWithdrawals>();
    /// <summary>Asked for by one operator, approved (and so sent) by a second, to an allow-listed address.</summary>
    private async Task<global::Exchange.Core.Accounts.OperatorResult> SendToColdStorageAsync(string amount)
    {
        var first = (Operator, await Exchange.EnableTwoFactorAsync(Operator));
        var second = (ApprovalSteps.Second, await Exchange.AddOperatorAsync(ApprovalSteps.Second, ApprovalSteps.SecondEmail));
        await Exchange.ListColdStorageAsync(TestAddresses.OtherPayout, "Vault A", first, second);
        return await Exchange.SendApprovedAsync(amount, TestAddresses.OtherPayout, "Surplus", first, second);
    }

    private WithdrawalProcessor Processor => Exchange.Get<WithdrawalProcessor>();

    private SteppedUpOperator? op;

    /// <summary>The operator (with two-factor on) and a fresh code, for one action.</summary>
    private async Task<OperatorCredentials> OperatorCodeAsync() => (op ??= await Exchange.OperatorWithTwoFactorAsync(Operator, OperatorEmail)).WithCode();

    /// <summary>Alice deposits through Hub and the exchange moves it to the hot wallet, which can then pay.</summary>
    private async Task FundAliceAsync(long amount)
    {
        op ??= await Exchange.OperatorWithTwoFactorAsync(Operator, OperatorEmail);
        var address = (await Exchange.Get<DepositAddressService>().RequestAsync("alice", Token)).Address!.Address;
        await Hub.DepositAsync(address, amount);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await Exchange.Get<BalanceSync>().RunAsync(Token);
        await Exchange.Get<HotWalletSweeper>().RunAsync(Token);
        await Hub.ConfirmSweepsAsync();
    }

    private async Task<List<UserHistoryEvent>> HubWithdrawalsAsync() =>
        (await Client.GetUserHistoryAsync("user-hot-wallet", 0, Token)).Where(e => e.Reason == UserHistoryReason.Withdrawal).ToList();

    /// <summary>A delayed call still lands after the client gave up: wait until Hub shows it.</summary>
    private async Task WaitForHubWithdrawalsAsync(int count)
    {
        for (var i = 0; i < 100 && (await HubWithdrawalsAsync()).Count < count; i++)
            await Task.Delay(100, Token);
        Assert.Equal(count, (await HubWithdrawalsAsync()).Count);
    }

    /// <summary>Where each of Hub's withdrawals pays, as the emulator holds it (Hub's own API shows it only in the sweep).</summary>
    private async Task<Dictionary<string, string>> PayoutAddressesAsync()
    {
        using var state = System.Text.Json.JsonDocument.Parse(await Hub.Http.GetStringAsync("/_emulator/state", Token));
        return state.RootElement.GetProperty("withdrawals").EnumerateArray()
            .ToDictionary(w => w.GetProperty("uuid").GetString()!, w => w.GetProperty("payoutAddress").GetString()!);
    }

    private async Task<UnknownFinding> InspectAsync(long id) =>
        Assert.Single(await Unknown.InspectAsync([await Exchange.WithdrawalAsync(id)], Token));

    [Fact]
    public async Task Before_the_grace_period_the_finding_is_too_soon_and_an_operator_cannot_resolve_it()
    {
        await FundAliceAsync(50_000_000);
        var id = await Exchange.RequestWithdrawalAsync("alice", "10");
        await Hub.ControlAsync("fault", new { kind = "drop", command = "UserWithdraw" });
        Assert.Equal(1, (await Processor.RunAsync(Token)).Unknown);
        Exchange.Time.Advance(Grace - TimeSpan.FromSeconds(1));

        var finding = await InspectAsync(id);
        var resolve = await Unknown.ResolveAsync(id, await OperatorCodeAsync(), Token);

        Assert.Equal((UnknownVerdict.TooSoon, false, (string?)null), (finding.Verdict, finding.CanResolve, finding.HubUuid));
        Assert.Equal("The call to Hub may still land: it can be settled from 12:01:00 UTC.", finding.Explanation);
        Assert.Equal(finding.Explanation, Assert.Single(resolve.Problems).Message);
        Assert.Equal(WithdrawalState.Unknown, (await Exchange.WithdrawalAsync(id)).State);
        Assert.Empty(await Exchange.AuditAsync());
    }

    [Fact]
    public async Task A_withdrawal_hub_did_make_is_found_with_hubs_uuid_and_resolved_to_submitted_without_paying_twice()
    {
        await FundAliceAsync(50_000_000);
        var id = await Exchange.RequestWithdrawalAsync("alice", "10");
        await Hub.ControlAsync("fault", new { kind = "delay", delaySeconds = 3, command = "UserWithdraw" });
        Assert.Equal(1, (await Processor.RunAsync(Token)).Unknown);
        await WaitForHubWithdrawalsAsync(1);
        var hubUuid = (await HubWithdrawalsAsync()).Single().WithdrawalUuid;
        await Hub.TickAsync("sweep");
        Exchange.Time.Advance(Grace);

        var finding = await InspectAsync(id);
        var resolved = await Unknown.ResolveAsync(id, await OperatorCodeAsync(), Token);
        var next = await Processor.RunAsync(Token);

        Assert.Equal((UnknownVerdict.MadeByHub, hubUuid), (finding.Verdict, finding.HubUuid));
        Assert.Contains(hubUuid, finding.Explanation, StringComparison.Ordinal);
        Assert.True(resolved.Succeeded);
        var withdrawal = await Exchange.WithdrawalAsync(id);
        Assert.Equal((WithdrawalState.Swept, hubUuid), (withdrawal.State, withdrawal.HubUuid));
        var audit = Assert.Single(await Exchange.AuditAsync());
        Assert.Equal((OperatorEmail, "Unknown withdrawal resolved", $"withdrawal {id}", "unknown", $"submitted as Hub withdrawal {hubUuid}", finding.Explanation),
            (audit.OperatorEmail, audit.Action, audit.Subject, audit.Before, audit.After, audit.Reason));
        Assert.Equal(0, next.Submitted);
        Assert.Single(await HubWithdrawalsAsync());
        Assert.Equal((40_000_000L, 10_000_000L), await Exchange.BalanceAsync("alice"));
    }

    [Fact]
    public async Task A_withdrawal_hub_never_got_is_found_not_made_returned_to_approved_and_sent_once()
    {
        await FundAliceAsync(50_000_000);
        var id = await Exchange.RequestWithdrawalAsync("alice", "10");
        await Hub.ControlAsync("fault", new { kind = "drop", command = "UserWithdraw" });
        await Processor.RunAsync(Token);
        Exchange.Time.Advance(Grace);

        var finding = await InspectAsync(id);
        var resolved = await Unknown.ResolveAsync(id, await OperatorCodeAsync(), Token);
        var afterResolve = (await Exchange.WithdrawalAsync(id)).State;
        var next = await Processor.RunAsync(Token);

        Assert.Equal((UnknownVerdict.NotMadeByHub, (string?)null), (finding.Verdict, finding.HubUuid));
        Assert.Equal("The hot wallet's Hub history has no unclaimed withdrawal of 10 MIOTA: Hub never got it, so it can be sent again.", finding.Explanation);
        Assert.True(resolved.Succeeded);
        Assert.Equal(WithdrawalState.Approved, afterResolve);
        var audit = Assert.Single(await Exchange.AuditAsync());
        Assert.Equal(("Unknown withdrawal resolved", "approved, to be sent again", finding.Explanation), (audit.Action, audit.After, audit.Reason));
        Assert.Equal(1, next.Submitted);
        Assert.Equal((await HubWithdrawalsAsync()).Single().WithdrawalUuid, (await Exchange.WithdrawalAsync(id)).HubUuid);
    }

    [Fact]
    public async Task Resolving_a_withdrawal_that_is_not_unknown_is_refused()
    {
        await FundAliceAsync(50_000_000);
        var id = await Exchange.RequestWithdrawalAsync("alice", "10");

        var result = await Unknown.ResolveAsync(id, await OperatorCodeAsync(), Token);

        Assert.Equal($"Withdrawal {id} is not waiting in Unknown.", Assert.Single(result.Problems).Message);
        Assert.Equal(WithdrawalState.Approved, (await Exchange.WithdrawalAsync(id)).State);
        Assert.Empty(await Exchange.AuditAsync());
    }

    [Fact]
    public async Task Two_unknown_withdrawals_of_one_amount_cannot_both_claim_the_one_hub_made()
    {
        await FundAliceAsync(50_000_000);
        var first = await Exchange.RequestWithdrawalAsync("alice", "10");
        var second = await Exchange.RequestWithdrawalAsync("alice", "10");
        await Hub.ControlAsync("fault", new { kind = "delay", delaySeconds = 3, command = "UserWithdraw" });
        await Hub.ControlAsync("fault", new { kind = "drop", command = "UserWithdraw" });
        Assert.Equal(2, (await Processor.RunAsync(Token)).Unknown);
        await WaitForHubWithdrawalsAsync(1);
        await Hub.TickAsync("sweep");
        Exchange.Time.Advance(Grace);

        var findings = await Unknown.InspectAsync([await Exchange.WithdrawalAsync(first), await Exchange.WithdrawalAsync(second)], Token);

        Assert.Equal([UnknownVerdict.MadeByHub, UnknownVerdict.NotMadeByHub], findings.Select(f => f.Verdict));
        Assert.Equal((await HubWithdrawalsAsync()).Single().WithdrawalUuid, findings[0].HubUuid);
    }

    [Fact]
    public async Task A_withdrawal_hub_made_but_has_not_swept_yet_waits_for_the_sweep_that_shows_where_it_pays()
    {
        await FundAliceAsync(50_000_000);
        var id = await Exchange.RequestWithdrawalAsync("alice", "10");
        await Hub.ControlAsync("fault", new { kind = "delay", delaySeconds = 3, command = "UserWithdraw" });
        await Processor.RunAsync(Token);
        await WaitForHubWithdrawalsAsync(1);
        Exchange.Time.Advance(Grace);

        var beforeSweep = await InspectAsync(id);
        var run = await Processor.RunAsync(Token);
        var waiting = await Exchange.WithdrawalAsync(id);
        await Hub.TickAsync("sweep");
        var afterSweep = await InspectAsync(id);

        Assert.Equal((UnknownVerdict.AwaitingSweep, false), (beforeSweep.Verdict, beforeSweep.CanResolve));
        Assert.Equal("The hot wallet's Hub history has 1 unclaimed withdrawal(s) of 10 MIOTA that Hub has not swept yet. Hub's history does not say where a "
            + "withdrawal pays, its sweep does: this is settled once Hub sweeps them.", beforeSweep.Explanation);
        Assert.Equal((0, 0, WithdrawalState.Unknown), (run.Reconciled, run.Submitted, waiting.State));
        Assert.Equal(UnknownVerdict.MadeByHub, afterSweep.Verdict);
        Assert.Single(await HubWithdrawalsAsync());
    }

    [Fact]
    public async Task A_hub_withdrawal_of_the_same_amount_to_another_address_is_not_taken_for_one_hub_never_got()
    {
        await FundAliceAsync(50_000_000);
        var id = await Exchange.RequestWithdrawalAsync("alice", "10");
        await Hub.ControlAsync("fault", new { kind = "drop", command = "UserWithdraw" });
        await Processor.RunAsync(Token);
        // A withdrawal of the hot wallet nothing claims, as a call that was given up on and landed late leaves one.
        var stray = await Client.UserWithdrawAsync("user-hot-wallet", 10_000_000, TestAddresses.OtherPayout, "EXCHANGE", Token);
        await Hub.TickAsync("sweep");
        Exchange.Time.Advance(Grace);

        var finding = await InspectAsync(id);
        var next = await Processor.RunAsync(Token);

        Assert.Equal((UnknownVerdict.NotMadeByHub, (string?)null), (finding.Verdict, finding.HubUuid));
        Assert.Equal("The hot wallet's Hub history has 1 unclaimed withdrawal(s) of 10 MIOTA, and Hub's sweeps pay them to other addresses: "
            + "Hub never got this one, so it can be sent again.", finding.Explanation);
        Assert.Equal(1, next.Submitted);
        var paid = await Exchange.WithdrawalAsync(id);
        Assert.NotEqual(stray, paid.HubUuid);
        Assert.Equal(TestAddresses.Payout[..81], (await PayoutAddressesAsync())[paid.HubUuid!]);
    }

    [Fact]
    public async Task Two_hub_withdrawals_of_one_amount_to_different_addresses_are_each_matched_to_the_withdrawal_whose_address_they_pay()
    {
        await FundAliceAsync(50_000_000);
        var toPayout = await Exchange.RequestWithdrawalAsync("alice", "10");
        var toOther = await Exchange.RequestWithdrawalAsync("alice", "10", TestAddresses.OtherPayout);
        await Hub.ControlAsync("fault", new { kind = "drop", command = "UserWithdraw", count = 2 });
        Assert.Equal(2, (await Processor.RunAsync(Token)).Unknown);
        // Hub made both, their answers lost, in the other order than they were sent, and swept each on its own
        // (two withdrawals of one sweep are told apart by their outputs only, not by their UUIDs).
        var paysOther = await Client.UserWithdrawAsync("user-hot-wallet", 10_000_000, TestAddresses.OtherPayout, "EXCHANGE", Token);
        await Hub.TickAsync("sweep");
        await Hub.ConfirmSweepsAsync();
        var paysPayout = await Client.UserWithdrawAsync("user-hot-wallet", 10_000_000, TestAddresses.Payout, "EXCHANGE", Token);
        await Hub.TickAsync("sweep");
        Exchange.Time.Advance(Grace);

        var findings = await Unknown.InspectAsync([await Exchange.WithdrawalAsync(toPayout), await Exchange.WithdrawalAsync(toOther)], Token);
        var settled = await Processor.RunAsync(Token);

        Assert.Equal([(UnknownVerdict.MadeByHub, paysPayout), (UnknownVerdict.MadeByHub, paysOther)], findings.Select(f => (f.Verdict, f.HubUuid)));
        Assert.Equal((2, 0), (settled.Reconciled, settled.Submitted));
        Assert.Equal(paysPayout, (await Exchange.WithdrawalAsync(toPayout)).HubUuid);
        Assert.Equal(paysOther, (await Exchange.WithdrawalAsync(toOther)).HubUuid);
        Assert.Equal(2, (await HubWithdrawalsAsync()).Count);
    }

    [Fact]
    public async Task A_send_to_cold_storage_of_the_same_amount_is_not_taken_for_the_users_withdrawal()
    {
        await FundAliceAsync(50_000_000);
        var send = await SendToColdStorageAsync("10");
        Assert.True(send.Succeeded, send.Message);
        var id = await Exchange.RequestWithdrawalAsync("alice", "10");
        await Hub.ControlAsync("fault", new { kind = "drop", command = "UserWithdraw" });
        await Processor.RunAsync(Token);
        Exchange.Time.Advance(Grace);

        var finding = await InspectAsync(id);

        Assert.Equal(UnknownVerdict.NotMadeByHub, finding.Verdict);
    }

    [Fact]
    public async Task A_send_to_cold_storage_with_an_unknown_outcome_is_not_taken_for_the_users_withdrawal()
    {
        await FundAliceAsync(50_000_000);
        await Hub.ControlAsync("fault", new { kind = "delay", delaySeconds = 3, command = "UserWithdraw" });
        var send = await SendToColdStorageAsync("10");
        await WaitForHubWithdrawalsAsync(1);
        var id = await Exchange.RequestWithdrawalAsync("alice", "10");
        await Hub.ControlAsync("fault", new { kind = "drop", command = "UserWithdraw" });
        await Processor.RunAsync(Token);
        Exchange.Time.Advance(Grace);

        var finding = await InspectAsync(id);

        Assert.False(send.Succeeded);
        Assert.Equal(HotWalletTransferState.Unknown, (await Exchange.Get<HotWalletService>().RecentAsync(cancellationToken: Token)).Single().State);
        Assert.NotEqual(UnknownVerdict.MadeByHub, finding.Verdict); // Hub's only withdrawal paid cold storage, not Alice
    }
}

public sealed class UnknownWithdrawalOnPostgreSqlTests : UnknownWithdrawalTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
