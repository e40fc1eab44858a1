using Exchange.Core.Accounts;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using static Exchange.Tests.Infrastructure.OperatorSteps;

namespace Exchange.Tests.Core.Withdrawals;

/// <summary>An operator sends a withdrawal that failed before Hub took it again: a new, approved, reserved withdrawal; audited.</summary>
[Integration]
public class WithdrawalRetryTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private const string Ann = "user-ann";
    private CoreDatabase core = null!;
    private SteppedUpOperator op = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private HubWithdrawalSteps HubSteps => core.Get<HubWithdrawalSteps>();
    private OperatorWithdrawalCommands OperatorCommands => core.Get<OperatorWithdrawalCommands>();
    private UserWithdrawalCommands UserCommands => core.Get<UserWithdrawalCommands>();

    public async ValueTask InitializeAsync()
    {
        core = await CoreDatabase.CreateAsync(engine: Engine);
        op = await core.OperatorWithTwoFactorAsync(Operator, OperatorEmail);
        await core.AddUserAsync(Ann, "ann@example.com");
        await core.FundAsync(Ann, 300_000_000);
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();

    /// <summary>A withdrawal the job sent and Hub refused for good (as WithdrawalProcessor records it): failed and refunded.</summary>
    private async Task<long> FailedAsync(string amount = "12.345678")
    {
        var id = await core.RequestWithdrawalAsync(Ann, amount);
        if ((await core.WithdrawalAsync(id)).State == WithdrawalState.AwaitingApproval)
            Assert.True((await OperatorCommands.ApproveAsync(id, op.WithCode(), "Checked with the user", Token)).Succeeded);
        Assert.True((await HubSteps.BeginSubmitAsync(id, Token)).Succeeded);
        Assert.True((await HubSteps.FailAsync(id, attempt: 1, "IOTA Hub refused the withdrawal: Invalid address.", Token)).Succeeded);
        return id;
    }

    [Fact]
    public async Task A_failed_withdrawal_retried_is_a_new_approved_one_with_the_same_amount_and_address_reserved_again()
    {
        var failedId = await FailedAsync();
        var refunded = await core.BalanceAsync(Ann);
        core.Time.Advance(TimeSpan.FromMinutes(5));

        var retry = await OperatorCommands.RetryAsync(failedId, op.WithCode(), Token);

        Assert.True(retry.Succeeded, string.Join(" ", retry.Problems.Select(p => p.Message)));
        var fresh = retry.Withdrawal!;
        var failed = await core.WithdrawalAsync(failedId);
        Assert.NotEqual(failedId, fresh.Id);
        Assert.Equal((WithdrawalState.Approved, Operator, Ann, 12_345_678L, TestAddresses.Payout),
            (fresh.State, fresh.ApprovedBy, fresh.UserId, fresh.Amount, fresh.Address));
        Assert.Equal(core.Time.GetUtcNow().UtcDateTime, fresh.RequestedAt);
        Assert.Equal(WithdrawalState.Failed, failed.State);
        Assert.Equal((300_000_000L, 0L), refunded);
        Assert.Equal((300_000_000L - 12_345_678, 12_345_678L), await core.BalanceAsync(Ann));
        var reserve = (await core.EntriesAsync(Ann)).Last();
        Assert.Equal((LedgerEntryKind.WithdrawalReserve, $"withdrawal:{fresh.Id}"), (reserve.Kind, reserve.Reference));
        Assert.True((await core.Get<Reconciliation>().RunAsync(Token)).IsBalanced);
    }

    [Fact]
    public async Task A_retry_is_audited_naming_both_withdrawals()
    {
        var failedId = await FailedAsync();

        var retry = await OperatorCommands.RetryAsync(failedId, op.WithCode(), Token);

        var audit = Assert.Single(await core.AuditAsync());
        Assert.Equal((OperatorEmail, "Withdrawal retried", $"withdrawal {failedId}", "failed", $"sent again as withdrawal {retry.Withdrawal!.Id}"),
            (audit.OperatorEmail, audit.Action, audit.Subject, audit.Before, audit.After));
    }

    [Fact]
    public async Task A_retry_above_the_approval_threshold_needs_no_second_approval()
    {
        var failedId = await FailedAsync("150");

        var retry = await OperatorCommands.RetryAsync(failedId, op.WithCode(), Token);

        Assert.Equal((WithdrawalState.Approved, 150_000_000L), (retry.Withdrawal!.State, retry.Withdrawal.Amount));
    }

    [Fact]
    public async Task Retrying_a_withdrawal_that_did_not_fail_is_refused_and_changes_nothing()
    {
        var approved = await core.RequestWithdrawalAsync(Ann, "1");
        var cancelled = await core.RequestWithdrawalAsync(Ann, "2");
        await UserCommands.CancelAsync(cancelled, Ann, Token);
        var before = await core.BalanceAsync(Ann);

        var ofApproved = await OperatorCommands.RetryAsync(approved, op.WithCode(), Token);
        var ofCancelled = await OperatorCommands.RetryAsync(cancelled, op.WithCode(), Token);
        var ofNothing = await OperatorCommands.RetryAsync(999, op.WithCode(), Token);

        Assert.Equal($"Only a withdrawal that failed before Hub took it can be retried; {approved} is approved.", Assert.Single(ofApproved.Problems).Message);
        Assert.Equal($"Only a withdrawal that failed before Hub took it can be retried; {cancelled} is cancelled.", Assert.Single(ofCancelled.Problems).Message);
        Assert.Equal("Only a withdrawal that failed before Hub took it can be retried; 999 is unknown.", Assert.Single(ofNothing.Problems).Message);
        Assert.Equal(2, (await core.WithdrawalsAsync()).Count);
        Assert.Equal(before, await core.BalanceAsync(Ann));
        Assert.Empty(await core.AuditAsync());
    }

    [Fact]
    public async Task A_retry_follows_the_rules_of_today_a_locked_user_is_not_paid()
    {
        var failedId = await FailedAsync();
        await core.Get<UserAdministration>().LockWithdrawalsAsync(op.WithCode(), Ann, "Account under review.", Token);

        var retry = await OperatorCommands.RetryAsync(failedId, op.WithCode(), Token);

        Assert.Equal("Withdrawals are locked on your account: Account under review. Please contact support.", Assert.Single(retry.Problems).Message);
        Assert.Single(await core.WithdrawalsAsync());
        Assert.Equal((300_000_000L, 0L), await core.BalanceAsync(Ann));
        Assert.DoesNotContain(await core.AuditAsync(), e => e.Action == "Withdrawal retried");
    }

    [Fact]
    public async Task A_retry_of_more_than_the_user_now_has_is_refused()
    {
        var failedId = await FailedAsync("200");
        await core.Get<UserAdministration>().AdjustAsync(new ManualAdjustment(Operator, Ann, "MIOTA", AdjustmentDirection.Debit, "150", "Chargeback", op.WithCode().TwoFactorCode), Token);

        var retry = await OperatorCommands.RetryAsync(failedId, op.WithCode(), Token);

        Assert.Equal("You have 150 MIOTA available.", Assert.Single(retry.Problems).Message);
        Assert.Equal((150_000_000L, 0L), await core.BalanceAsync(Ann));
    }

    [Fact]
    public async Task A_failed_withdrawal_is_sent_again_only_once_however_often_retry_is_clicked()
    {
        var failedId = await FailedAsync();

        var first = await OperatorCommands.RetryAsync(failedId, op.WithCode(), Token);
        var second = await OperatorCommands.RetryAsync(failedId, op.WithCode(), Token);

        Assert.True(first.Succeeded);
        Assert.False(second.Succeeded);
        Assert.Equal(2, (await core.WithdrawalsAsync()).Count);
        Assert.Equal((300_000_000L - 12_345_678, 12_345_678L), await core.BalanceAsync(Ann));
    }
}

public sealed class WithdrawalRetryOnPostgreSqlTests : WithdrawalRetryTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
