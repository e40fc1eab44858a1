using Exchange.Core;
using Exchange.Core.Accounts;
using Exchange.Core.Approvals;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Tests.Infrastructure;
using static Exchange.Tests.Infrastructure.ApprovalSteps;
using static Exchange.Tests.Infrastructure.OperatorSteps;

namespace Exchange.Tests.Core.Approvals;

/// <summary>Manual adjustments under four eyes: never one's own balance, above the USD threshold a second operator decides, once.</summary>
[Integration]
public class FourEyesAdjustmentTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private const string Ann = "user-ann";
    private const string Third = "op-3";
    private const string Bob = "user-bob";
    private CoreDatabase core = null!;
    private string firstKey = "", secondKey = "", thirdKey = "";
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private UserAdministration Admin => core.Get<UserAdministration>();
    private ApprovalQueue Queue => core.Get<ApprovalQueue>();

    public async ValueTask InitializeAsync()
    {
        core = await CoreDatabase.CreateAsync(engine: Engine);
        firstKey = await core.AddOperatorAsync(Operator, OperatorEmail);
        secondKey = await core.AddOperatorAsync(Second, SecondEmail);
        thirdKey = await core.AddOperatorAsync(Third, "third@example.com");
        await core.AddUserAsync(Ann, "ann@example.com");
        await core.PriceAsync(CoinSymbols.Iota, 1m); // 1 MIOTA = 1 USD: the amount is the USD value
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();

    private Task<OperatorResult> CreditAsync(string amount, string user = Ann, string? key = null, string? code = null, string by = Operator) =>
        Admin.AdjustAsync(new ManualAdjustment(by, user, CoinSymbols.Iota, AdjustmentDirection.Credit, amount, "Refund of ticket 7", code ?? core.Code(KeyOf(by)), key), Token);

    private string KeyOf(string id) => id switch { Operator => firstKey, Second => secondKey, _ => thirdKey };

    private async Task<int> ManualEntriesAsync() => (await core.EntriesAsync(Ann)).Count(e => e.Kind == LedgerEntryKind.Manual);

    [Fact]
    public async Task An_operator_cannot_credit_their_own_balance_and_the_attempt_is_audited()
    {
        var result = await CreditAsync("5", user: Operator);

        Assert.Equal((false, UserAdministration.OwnBalance), (result.Succeeded, result.Message));
        Assert.Empty(await core.EntriesAsync(Operator));
        Assert.Empty(await core.RequestsAsync());
        var audit = Assert.Single(await core.AuditAsync());
        Assert.Equal((OperatorEmail, "Manual adjustment refused", $"user {OperatorEmail}", $"refused: {UserAdministration.OwnBalance}", "Refund of ticket 7"),
            (audit.OperatorEmail, audit.Action, audit.Subject, audit.After, audit.Reason));
    }

    [Fact]
    public async Task An_adjustment_worth_999_usd_applies_at_once()
    {
        var result = await CreditAsync("999");

        Assert.Equal((true, "Credited 999 MIOTA; 999 MIOTA available now.", (long?)null), (result.Succeeded, result.Message, result.RequestId));
        Assert.Equal((999_000_000L, 0L), await core.BalanceAsync(Ann));
        Assert.Empty(await Queue.PendingAsync(Token));
    }

    [Fact]
    public async Task An_adjustment_worth_1001_usd_waits_the_requester_cannot_approve_it_and_a_second_operator_applies_it_once()
    {
        var asked = await CreditAsync("1001");

        Assert.True(asked.Succeeded, asked.Message);
        Assert.Equal("Waiting for a second operator to approve: credit 1001 MIOTA to ann@example.com ($1,001.00). "
            + "With it, the adjustments you asked for in 24 hours come to $1,001.00, above $1,000.00.", asked.Message);
        Assert.Equal((0L, 0L), await core.BalanceAsync(Ann));
        var pending = Assert.Single(await Queue.PendingAsync(Token));
        Assert.Equal((asked.RequestId!.Value, OperatorRequestKind.ManualAdjustment, Operator, OperatorEmail, Ann, 1_001_000_000L, "Refund of ticket 7"),
            (pending.Id, pending.Kind, pending.RequestedBy, pending.RequesterEmail, pending.UserId, pending.Amount, pending.Reason));
        Assert.Equal(core.Time.GetUtcNow().UtcDateTime, pending.RequestedAt, TimeSpan.FromMinutes(3));

        var own = await Queue.ApproveAsync(pending.Id, Operator, core.Code(firstKey), "Looks right", Token);
        Assert.Equal((false, ApprovalQueue.OwnRequest), (own.Succeeded, own.Message));
        Assert.Equal((0L, 0L), await core.BalanceAsync(Ann));

        // Two other operators approve at the same moment: the money moves once.
        var (secondCode, thirdCode) = (core.Code(secondKey), core.Code(thirdKey));
        var decisions = await Task.WhenAll(
            Task.Run(() => Queue.ApproveAsync(pending.Id, Second, secondCode, "Ticket checked", Token), Token),
            Task.Run(() => Queue.ApproveAsync(pending.Id, Third, thirdCode, "Ticket checked too", Token), Token));

        Assert.Single(decisions, d => d.Succeeded);
        Assert.Contains("Credited 1001 MIOTA; 1001 MIOTA available now.", decisions.Select(d => d.Message));
        Assert.Equal((1_001_000_000L, 0L), await core.BalanceAsync(Ann));
        Assert.Equal(1, await ManualEntriesAsync());
        Assert.Empty(await Queue.PendingAsync(Token));
        var audit = await core.AuditAsync();
        Assert.Contains(audit, e => (e.OperatorEmail, e.Action, e.Reason) == (OperatorEmail, "Manual adjustment requested", "Refund of ticket 7"));
        var approval = Assert.Single(audit, e => e.Action == "Manual adjustment approved");
        Assert.Equal(("0 MIOTA available", "1001 MIOTA available"), (approval.Before, approval.After));
        Assert.Contains(approval.Reason, new[] { "Ticket checked", "Ticket checked too" });
        Assert.Contains(audit, e => e.Action == "Manual adjustment decision refused" && e.OperatorEmail == OperatorEmail);

        var again = await Queue.ApproveAsync(pending.Id, Second, core.Code(secondKey), "Once more", Token);
        Assert.Equal((false, $"Request {pending.Id} is approved already; nothing was changed."), (again.Succeeded, again.Message));
        Assert.Equal(1, await ManualEntriesAsync());
        Assert.True((await core.Get<Reconciliation>().RunAsync(Token)).IsBalanced);
    }

    [Fact]
    public async Task A_rejected_adjustment_moves_no_money_and_cannot_be_approved_afterwards()
    {
        var asked = await CreditAsync("5000");

        var ownReject = await Queue.RejectAsync(asked.RequestId!.Value, Operator, core.Code(firstKey), "Changed my mind", Token);
        var noReason = await Queue.RejectAsync(asked.RequestId!.Value, Second, core.Code(secondKey), " ", Token);
        var rejected = await Queue.RejectAsync(asked.RequestId!.Value, Second, core.Code(secondKey), "No ticket for this", Token);
        var approved = await Queue.ApproveAsync(asked.RequestId!.Value, Third, core.Code(thirdKey), "Looks fine", Token);

        Assert.Equal(ApprovalQueue.OwnRequest, ownReject.Message);
        Assert.Equal((false, "Rejecting a request needs a reason for the audit log."), (noReason.Succeeded, noReason.Message));
        Assert.True(rejected.Succeeded, rejected.Message);
        Assert.False(approved.Succeeded);
        Assert.Equal((0L, 0L), await core.BalanceAsync(Ann));
        var request = Assert.Single(await core.RequestsAsync());
        Assert.Equal((OperatorRequestState.Rejected, Second, "No ticket for this"), (request.State, request.DecidedBy, request.DecisionReason));
        Assert.Contains(await core.AuditAsync(), e => (e.Action, e.OperatorEmail, e.Reason) == ("Manual adjustment rejected", SecondEmail, "No ticket for this"));
    }

    [Fact]
    public async Task A_request_or_a_decision_without_the_current_two_factor_code_changes_nothing()
    {
        var wrongCode = await CreditAsync("5", code: "000000");
        var asked = await CreditAsync("5000");
        var wrongApproval = await Queue.ApproveAsync(asked.RequestId!.Value, Second, "000000", "Checked", Token);

        Assert.False(wrongCode.Succeeded);
        Assert.False(wrongApproval.Succeeded);
        Assert.Equal((0L, 0L), await core.BalanceAsync(Ann));
        Assert.Equal(OperatorRequestState.Pending, Assert.Single(await core.RequestsAsync()).State);
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_is_one_pending_request_and_one_immediate_adjustment_answered_as_the_first_time()
    {
        var small = await CreditAsync("10", key: "form-2");
        var smallAgain = await CreditAsync("10", key: "form-2");
        var first = await CreditAsync("2000", key: "form-1");
        var repeated = await CreditAsync("2000", key: "form-1", code: "not even a code");

        Assert.Equal(first, repeated);
        Assert.Equal(small, smallAgain);
        Assert.Equal(2, (await core.RequestsAsync()).Count);
        Assert.Single(await Queue.PendingAsync(Token));
        Assert.Equal((10_000_000L, 0L), await core.BalanceAsync(Ann));
        Assert.Equal(1, await ManualEntriesAsync());
    }

    [Fact]
    public async Task A_reason_or_an_idempotency_key_longer_than_its_column_is_refused_before_anything_is_stored()
    {
        var longReason = await Admin.AdjustAsync(new ManualAdjustment(Operator, Ann, CoinSymbols.Iota, AdjustmentDirection.Credit, "1", new string('r', Limits.OperatorReason + 1), core.Code(firstKey)), Token);
        var longKey = await CreditAsync("1", key: new string('k', 101));

        Assert.Equal((false, $"A reason can be at most {Limits.OperatorReason} characters."), (longReason.Succeeded, longReason.Message));
        Assert.Equal((false, "An idempotency key has at most 100 characters."), (longKey.Succeeded, longKey.Message));
        Assert.Empty(await core.RequestsAsync());
        Assert.Equal((0L, 0L), await core.BalanceAsync(Ann));
    }

    [Fact]
    public async Task Credits_split_under_the_threshold_wait_once_the_operators_day_passes_it()
    {
        await core.AddUserAsync(Bob, "bob@example.com");

        var toAnn = await CreditAsync("600");
        var toBob = await CreditAsync("600", user: Bob);
        core.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var nextDay = await CreditAsync("600", user: Bob);

        Assert.Equal((true, (long?)null), (toAnn.Succeeded, toAnn.RequestId));
        Assert.Equal("Waiting for a second operator to approve: credit 600 MIOTA to bob@example.com ($600.00). "
            + "With it, the adjustments you asked for in 24 hours come to $1,200.00, above $1,000.00.", toBob.Message);
        Assert.NotNull(toBob.RequestId);
        Assert.Equal((true, (long?)null), (nextDay.Succeeded, nextDay.RequestId));
        Assert.Equal((600_000_000L, 0L), await core.BalanceAsync(Bob));
    }

    [Fact]
    public async Task Credits_from_two_operators_to_one_user_wait_once_the_users_day_passes_it()
    {
        var first = await CreditAsync("600");
        var second = await CreditAsync("600", by: Second);

        Assert.Null(first.RequestId);
        Assert.EndsWith("With it, this user's adjustments in 24 hours come to $1,200.00, above $1,000.00.", second.Message, StringComparison.Ordinal);
        Assert.NotNull(second.RequestId);
        Assert.Equal((600_000_000L, 0L), await core.BalanceAsync(Ann));
    }

    [Fact]
    public async Task Credits_asked_for_at_the_same_moment_cannot_slip_under_the_threshold_together()
    {
        var codes = new[] { (Operator, core.Code(firstKey)), (Second, core.Code(secondKey)), (Third, core.Code(thirdKey)) };

        var results = await Task.WhenAll(codes.Select(c => Task.Run(() => CreditAsync("400", code: c.Item2, by: c.Item1), Token)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(2, results.Count(r => r.RequestId is null));
        Assert.Equal((800_000_000L, 0L), await core.BalanceAsync(Ann));
        Assert.Single(await Queue.PendingAsync(Token));
    }

    [Fact]
    public async Task A_price_lowered_with_approval_still_values_credits_at_the_days_highest_price()
    {
        var lowered = await core.Get<CoinSettings>().UpdateAsync(new OperatorCredentials(Second, core.Code(secondKey)), CoinSymbols.Iota,
            new CoinRules("0.0001", "0.001", "1000", "100", "4000"), Token);
        Assert.True((await Queue.ApproveAsync(lowered.RequestId!.Value, Third, core.Code(thirdKey), "Market fell", Token)).Succeeded);

        var credit = await CreditAsync("2000");

        Assert.Equal("Waiting for a second operator to approve: credit 2000 MIOTA to ann@example.com ($2,000.00). "
            + "With it, the adjustments you asked for in 24 hours come to $2,000.00, above $1,000.00.", credit.Message);
        Assert.Equal((0L, 0L), await core.BalanceAsync(Ann));
    }

    [Fact]
    public async Task Two_million_miota_at_a_near_zero_price_wait_for_a_second_operator_whatever_the_price()
    {
        await core.PriceAsync(CoinSymbols.Iota, 0.000001m);

        var underCeiling = await CreditAsync("3000");
        var overCeiling = await CreditAsync("3000");
        var attack = await CreditAsync("2000000", user: Third);

        Assert.Null(underCeiling.RequestId);
        Assert.Equal("Waiting for a second operator to approve: credit 3000 MIOTA to ann@example.com ($0.00). "
            + "With it, the adjustments you asked for in 24 hours come to 6000 MIOTA, above the 4000 MIOTA IOTA allows without four eyes.", overCeiling.Message);
        Assert.NotNull(attack.RequestId);
        Assert.Equal((3_000_000_000L, 0L), await core.BalanceAsync(Ann));
        Assert.Equal((0L, 0L), await core.BalanceAsync(Third));
    }

    [Fact]
    public async Task An_operator_credited_by_another_cannot_approve_or_reject_that_credit()
    {
        var asked = await CreditAsync("1500", user: Second);

        var approved = await Queue.ApproveAsync(asked.RequestId!.Value, Second, core.Code(secondKey), "Looks right", Token);
        var rejected = await Queue.RejectAsync(asked.RequestId!.Value, Second, core.Code(secondKey), "Not needed", Token);

        Assert.Equal((false, ApprovalQueue.OwnBalance), (approved.Succeeded, approved.Message));
        Assert.Equal((false, ApprovalQueue.OwnBalance), (rejected.Succeeded, rejected.Message));
        Assert.Equal((0L, 0L), await core.BalanceAsync(Second));
        Assert.Equal(2, (await core.AuditAsync()).Count(e => (e.Action, e.OperatorEmail) == ("Manual adjustment decision refused", SecondEmail)));

        var third = await Queue.ApproveAsync(asked.RequestId!.Value, Third, core.Code(thirdKey), "Ticket checked", Token);
        Assert.True(third.Succeeded, third.Message);
        Assert.Equal((1_500_000_000L, 0L), await core.BalanceAsync(Second));
    }
}

public sealed class FourEyesAdjustmentOnPostgreSqlTests : FourEyesAdjustmentTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
