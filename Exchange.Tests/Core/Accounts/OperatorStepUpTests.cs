using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using static Exchange.Tests.Infrastructure.OperatorSteps;

namespace Exchange.Tests.Core.Accounts;

/// <summary>Operator writes need the operator's current two-factor code, and no operator acts on their own money.</summary>
[Integration]
public class OperatorStepUpTests : IAsyncLifetime
{
    private const string Ann = "user-ann";
    private CoreDatabase core = null!;
    private SteppedUpOperator op = null!;
    private long waiting;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private OperatorWithdrawalCommands Withdrawals => core.Get<OperatorWithdrawalCommands>();

    public async ValueTask InitializeAsync()
    {
        core = await CoreDatabase.CreateAsync();
        op = await core.OperatorWithTwoFactorAsync(Operator, OperatorEmail);
        await core.AddUserAsync(Ann, "ann@example.com");
        await core.FundAsync(Ann, 500_000_000);
        waiting = await core.RequestWithdrawalAsync(Ann, "150");
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();

    private async Task AssertStillWaitingAsync()
    {
        Assert.Equal(WithdrawalState.AwaitingApproval, (await core.WithdrawalAsync(waiting)).State);
        Assert.Equal((350_000_000L, 150_000_000L), await core.BalanceAsync(Ann));
        Assert.Empty(await core.AuditAsync());
    }

    [Fact]
    public async Task An_approval_without_a_code_changes_nothing()
    {
        var result = await Withdrawals.ApproveAsync(waiting, new OperatorCredentials(Operator, null), "Checked", Token);

        Assert.True(result.NeedsStepUp);
        Assert.Equal("Enter the current code from your authenticator app.", result.Problems.Single().Message);
        await AssertStillWaitingAsync();
    }

    [Fact]
    public async Task A_code_used_once_does_not_approve_a_second_time()
    {
        var used = op.WithCode();
        Assert.True((await core.Get<CoinSettings>().UpdateAsync(used, CoinSymbols.Iota, new CoinRules("0.3", "0.001", "1000", "100", "4000"), Token)).Succeeded);

        var result = await Withdrawals.ApproveAsync(waiting, used, "Checked", Token);

        Assert.True(result.NeedsStepUp);
        Assert.Equal("The two-factor code is not right, or it was already used. Enter the current code from your authenticator app.", result.Problems.Single().Message);
        Assert.Equal(WithdrawalState.AwaitingApproval, (await core.WithdrawalAsync(waiting)).State);
        Assert.Equal(["Coin settings changed"], (await core.AuditAsync()).Select(a => a.Action));
    }

    [Fact]
    public async Task An_operator_without_two_factor_cannot_approve_reject_or_lock_even_with_a_code_of_six_digits()
    {
        await core.AddUserAsync("op-2", "second@ops.example");
        var by = new OperatorCredentials("op-2", "123456");

        var approve = await Withdrawals.ApproveAsync(waiting, by, "Checked", Token);
        var reject = await Withdrawals.RejectAsync(waiting, by, "Fraud", Token);
        var locking = await core.Get<UserAdministration>().LockWithdrawalsAsync(by, Ann, "Fraud", Token);

        Assert.All([approve.Problems.Single().Message, reject.Problems.Single().Message, locking.Message],
            m => Assert.StartsWith("Operators act only with two-factor authentication on.", m));
        Assert.True(locking.NeedsStepUp);
        Assert.False((await core.Get<UserDirectory>().FindAsync(Ann, Token))!.WithdrawalsLocked);
        await AssertStillWaitingAsync();
    }

    [Fact]
    public async Task The_current_code_approves()
    {
        var result = await Withdrawals.ApproveAsync(waiting, op.WithCode(), "Checked", Token);

        Assert.True(result.Succeeded);
        Assert.Equal((WithdrawalState.Approved, Operator), (result.Withdrawal!.State, result.Withdrawal.ApprovedBy));
    }

    [Fact]
    public async Task An_operator_cannot_approve_or_reject_their_own_withdrawal_and_the_attempt_is_audited()
    {
        await core.FundAsync(Operator, 500_000_000);
        var own = await core.RequestWithdrawalAsync(Operator, "150", twoFactorCode: op.WithCode().TwoFactorCode);

        var approve = await Withdrawals.ApproveAsync(own, op.WithCode(), "Mine, checked", Token);
        var reject = await Withdrawals.RejectAsync(own, op.WithCode(), "Changed my mind", Token);

        Assert.Equal("You cannot approve your own withdrawal; another operator must.", approve.Problems.Single().Message);
        Assert.Equal("You cannot reject your own withdrawal; another operator must.", reject.Problems.Single().Message);
        Assert.False(approve.NeedsStepUp);
        Assert.Equal(WithdrawalState.AwaitingApproval, (await core.WithdrawalAsync(own)).State);
        Assert.Equal((350_000_000L, 150_000_000L), await core.BalanceAsync(Operator));
        Assert.Collection(await core.AuditAsync(),
            a => Assert.Equal((OperatorEmail, "Refused: withdrawal approval", "awaiting approval", "unchanged", "own withdrawal"), (a.OperatorEmail, a.Action, a.Before, a.After, a.Reason)),
            r => Assert.Equal(("Refused: withdrawal rejection", "own withdrawal"), (r.Action, r.Reason)));
    }

    [Fact]
    public async Task An_operator_cannot_lock_or_unlock_their_own_withdrawals_and_the_attempt_is_audited()
    {
        var admin = core.Get<UserAdministration>();

        var locking = await admin.LockWithdrawalsAsync(op.WithCode(), Operator, "Testing", Token);
        var unlocking = await admin.UnlockWithdrawalsAsync(op.WithCode(), Operator, Token);

        Assert.Equal((false, "You cannot lock your own withdrawals; another operator must."), (locking.Succeeded, locking.Message));
        Assert.Equal((false, "You cannot unlock your own withdrawals; another operator must."), (unlocking.Succeeded, unlocking.Message));
        Assert.Equal(["Refused: withdrawal lock", "Refused: withdrawal unlock"], (await core.AuditAsync()).Select(a => a.Action));
        Assert.All(await core.AuditAsync(), a => Assert.Equal("own withdrawals", a.Reason));
    }

    [Fact]
    public async Task Coin_settings_and_a_hot_wallet_address_need_the_code_too()
    {
        var noCode = new OperatorCredentials(Operator, "");

        var settings = await core.Get<CoinSettings>().UpdateAsync(noCode, CoinSymbols.Iota, new CoinRules("9", "0.001", "1000", "100", "4000"), Token);
        var address = await core.Get<Exchange.Core.HotWallet.HotWalletService>().RequestDepositAddressAsync(noCode, Token);

        Assert.True(settings.NeedsStepUp);
        Assert.True(address.NeedsStepUp);
        Assert.Equal(0.27m, (await core.Get<CoinCatalogue>().CurrentAsync(Token)).Iota.UsdPrice);
        Assert.Empty(await core.AuditAsync());
    }
}
