using Exchange.Core.Accounts;
using Exchange.Core.Approvals;
using Exchange.Core.Coins;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using static Exchange.Tests.Infrastructure.ApprovalSteps;
using static Exchange.Tests.Infrastructure.OperatorSteps;

namespace Exchange.Tests.Core.Withdrawals;

/// <summary>Money credited by hand is reviewed before it leaves, by an operator who had no part in the credit.</summary>
[Integration]
public class ManualCreditReviewTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private const string Ann = "user-ann";
    private const string Third = "op-3";
    private CoreDatabase core = null!;
    private string firstKey = "", secondKey = "", thirdKey = "";
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private OperatorWithdrawalCommands Withdrawals => core.Get<OperatorWithdrawalCommands>();

    public async ValueTask InitializeAsync()
    {
        core = await CoreDatabase.CreateAsync(engine: Engine);
        firstKey = await core.AddOperatorAsync(Operator, OperatorEmail);
        secondKey = await core.AddOperatorAsync(Second, SecondEmail);
        thirdKey = await core.AddOperatorAsync(Third, "third@example.com");
        await core.AddUserAsync(Ann, "ann@example.com");
        await core.FundAsync(Ann, 500_000_000);
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();

    private string KeyOf(string id) => id switch { Operator => firstKey, Second => secondKey, _ => thirdKey };

    private async Task<OperatorResult> CreditAsync(string amount, string user = Ann)
    {
        var credit = await core.Get<UserAdministration>().AdjustAsync(
            new ManualAdjustment(Operator, user, CoinSymbols.Iota, AdjustmentDirection.Credit, amount, "Goodwill", core.Code(firstKey)), Token);
        Assert.True(credit.Succeeded, credit.Message);
        return credit;
    }

    private Task<WithdrawalResult> ApproveAsync(long id, string by) =>
        Withdrawals.ApproveAsync(id, new OperatorCredentials(by, core.Code(KeyOf(by))), "Checked with the user", Token);

    private async Task<Withdrawal> WithdrawAsync(string amount, string user = Ann, string? code = null) =>
        await core.WithdrawalAsync(await core.RequestWithdrawalAsync(user, amount, twoFactorCode: code));

    [Fact]
    public async Task A_small_withdrawal_after_a_manual_credit_waits_for_review_and_tells_the_user_until_when()
    {
        await CreditAsync("10");
        var creditedAt = Assert.Single(await core.RequestsAsync()).RequestedAt;

        var small = await WithdrawAsync("5");
        core.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var weekLater = await WithdrawAsync("5");

        Assert.Equal(WithdrawalState.AwaitingApproval, small.State);
        Assert.Equal(ManualCreditReview.Waits(creditedAt.AddDays(7)), small.Reason);
        Assert.StartsWith("An operator credited your account by hand lately, so until 2026-12-01 12:0", small.Reason, StringComparison.Ordinal);
        Assert.Equal((WithdrawalState.Approved, (string?)null), (weekLater.State, weekLater.Reason));
    }

    [Fact]
    public async Task The_operators_who_asked_for_and_approved_a_credit_cannot_approve_a_withdrawal_from_that_account()
    {
        var asked = await CreditAsync("5000"); // $1,350: waits for a second operator
        Assert.True((await core.Get<ApprovalQueue>().ApproveAsync(asked.RequestId!.Value, Second, core.Code(secondKey), "Ticket checked", Token)).Succeeded);
        var withdrawal = await WithdrawAsync("600");

        var byRequester = await ApproveAsync(withdrawal.Id, Operator);
        var byApprover = await ApproveAsync(withdrawal.Id, Second);

        Assert.Equal(ManualCreditReview.OwnCredit, Assert.Single(byRequester.Problems).Message);
        Assert.Equal(ManualCreditReview.OwnCredit, Assert.Single(byApprover.Problems).Message);
        Assert.Equal(WithdrawalState.AwaitingApproval, (await core.WithdrawalAsync(withdrawal.Id)).State);
        Assert.Equal([OperatorEmail, SecondEmail],
            (await core.AuditAsync()).Where(e => (e.Action, e.Reason) == ("Refused: withdrawal approval", "credited the account")).Select(e => e.OperatorEmail));

        var byThird = await ApproveAsync(withdrawal.Id, Third);

        Assert.True(byThird.Succeeded, string.Join(" ", byThird.Problems.Select(p => p.Message)));
        Assert.Equal((WithdrawalState.Approved, (string?)null), (byThird.Withdrawal!.State, byThird.Withdrawal.Reason));
    }

    [Fact]
    public async Task An_operator_credited_by_another_cannot_take_the_money_out_without_a_third()
    {
        await CreditAsync("50", user: Second);

        var withdrawal = await WithdrawAsync("50", user: Second, code: core.Code(secondKey));
        var byOwner = await ApproveAsync(withdrawal.Id, Second);
        var byCreditor = await ApproveAsync(withdrawal.Id, Operator);
        var byThird = await ApproveAsync(withdrawal.Id, Third);

        Assert.Equal(WithdrawalState.AwaitingApproval, withdrawal.State);
        Assert.Equal("You cannot approve your own withdrawal; another operator must.", Assert.Single(byOwner.Problems).Message);
        Assert.Equal(ManualCreditReview.OwnCredit, Assert.Single(byCreditor.Problems).Message);
        Assert.Equal(WithdrawalState.Approved, byThird.Withdrawal!.State);
    }
}

public sealed class ManualCreditReviewOnPostgreSqlTests : ManualCreditReviewTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
