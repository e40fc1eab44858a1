using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using static Exchange.Tests.Infrastructure.OperatorSteps;

namespace Exchange.Tests.Core.Accounts;

/// <summary>An operator locks a user's withdrawals with a reason the user reads, and unlocks them; both audited.</summary>
[Integration]
public class WithdrawalLockTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private const string Ann = "user-ann";
    private const string Why = "We are checking a recent deposit.";
    private CoreDatabase core = null!;
    private SteppedUpOperator op = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private UserAdministration Admin => core.Get<UserAdministration>();

    public async ValueTask InitializeAsync()
    {
        core = await CoreDatabase.CreateAsync(engine: Engine);
        op = await core.OperatorWithTwoFactorAsync(Operator, OperatorEmail);
        await core.AddUserAsync(Ann, "ann@example.com");
        await core.AddUserAsync("user-bob", "bob@example.org");
        await core.FundAsync(Ann, 50_000_000);
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();

    private Task<WithdrawalResult> RequestAsync(string amount = "5") =>
        core.Get<UserWithdrawalCommands>().RequestAsync(new WithdrawalRequest(Ann, CoinSymbols.Iota, amount, TestAddresses.Payout), Token);

    [Fact]
    public async Task A_locked_user_is_refused_a_withdrawal_with_the_reason_and_nothing_is_reserved()
    {
        var locked = await Admin.LockWithdrawalsAsync(op.WithCode(), Ann, $"  {Why}  ", Token);

        var request = await RequestAsync();
        var asTyped = await core.Get<WithdrawalValidator>().ValidateAsync(new WithdrawalRequest(Ann, CoinSymbols.Iota, "5", TestAddresses.Payout), Token);

        Assert.Equal((true, "Withdrawals locked."), (locked.Succeeded, locked.Message));
        var problem = Assert.Single(request.Problems);
        Assert.Equal($"Withdrawals are locked on your account: {Why} Please contact support.", problem.Message);
        Assert.Equal(problem.Message, Assert.Single(asTyped.Problems).Message);
        Assert.Empty(await core.WithdrawalsAsync());
        Assert.Equal((50_000_000L, 0L), await core.BalanceAsync(Ann));
    }

    [Fact]
    public async Task A_lock_stops_only_that_user()
    {
        await core.FundAsync("user-bob", 50_000_000);
        await Admin.LockWithdrawalsAsync(op.WithCode(), Ann, Why, Token);

        var bob = await core.Get<UserWithdrawalCommands>().RequestAsync(new WithdrawalRequest("user-bob", CoinSymbols.Iota, "5", TestAddresses.Payout), Token);

        Assert.True(bob.Succeeded);
    }

    [Fact]
    public async Task After_an_unlock_the_user_can_withdraw_again()
    {
        await Admin.LockWithdrawalsAsync(op.WithCode(), Ann, Why, Token);
        var refused = await RequestAsync();

        var unlocked = await Admin.UnlockWithdrawalsAsync(op.WithCode(), Ann, Token);
        var request = await RequestAsync();

        Assert.False(refused.Succeeded);
        Assert.Equal((true, "Withdrawals unlocked."), (unlocked.Succeeded, unlocked.Message));
        Assert.True(request.Succeeded);
        Assert.Equal(WithdrawalState.Approved, request.Withdrawal!.State);
        Assert.Equal((45_000_000L, 5_000_000L), await core.BalanceAsync(Ann));
    }

    [Fact]
    public async Task An_approved_withdrawal_held_by_a_lock_can_be_rejected_refunded_and_audited_as_approved_before()
    {
        var approved = (await RequestAsync()).Withdrawal!;
        await Admin.LockWithdrawalsAsync(op.WithCode(), Ann, Why, Token);

        var noReason = await core.Get<OperatorWithdrawalCommands>().RejectAsync(approved.Id, op.WithCode(), " ", Token);
        var rejected = await core.Get<OperatorWithdrawalCommands>().RejectAsync(approved.Id, op.WithCode(), "Sent to an address linked to fraud", Token);

        Assert.Equal("A rejection needs a reason the user can read.", noReason.Problems.Single().Message);
        Assert.Equal((WithdrawalState.Cancelled, "Rejected by an operator: Sent to an address linked to fraud"), (rejected.Withdrawal!.State, rejected.Withdrawal.Reason));
        Assert.Equal((50_000_000L, 0L), await core.BalanceAsync(Ann));
        var audit = (await core.AuditAsync()).Single(a => a.Action == "Withdrawal rejected");
        Assert.Equal(("approved", "cancelled and refunded"), (audit.Before, audit.After));
    }

    [Fact]
    public async Task Locking_twice_unlocking_an_unlocked_user_or_locking_without_a_reason_is_refused_and_not_audited()
    {
        var noReason = await Admin.LockWithdrawalsAsync(op.WithCode(), Ann, " ", Token);
        var notLocked = await Admin.UnlockWithdrawalsAsync(op.WithCode(), Ann, Token);
        await Admin.LockWithdrawalsAsync(op.WithCode(), Ann, Why, Token);
        var again = await Admin.LockWithdrawalsAsync(op.WithCode(), Ann, "Another reason", Token);
        var nobody = await Admin.LockWithdrawalsAsync(op.WithCode(), "user-ghost", Why, Token);

        Assert.Equal((false, "Locking withdrawals needs a reason; the user sees it when they try to withdraw."), (noReason.Succeeded, noReason.Message));
        Assert.Equal((false, "Withdrawals are not locked."), (notLocked.Succeeded, notLocked.Message));
        Assert.Equal((false, "Withdrawals are already locked."), (again.Succeeded, again.Message));
        Assert.Equal((false, "There is no such user."), (nobody.Succeeded, nobody.Message));
        Assert.Equal(Why, (await core.Get<UserDirectory>().FindAsync(Ann, Token))!.WithdrawalsLockedReason);
        Assert.Single(await core.AuditAsync());
    }

    [Fact]
    public async Task Lock_and_unlock_are_audited_with_the_state_before_and_after()
    {
        await Admin.LockWithdrawalsAsync(op.WithCode(), Ann, Why, Token);
        core.Time.Advance(TimeSpan.FromHours(2));
        await Admin.UnlockWithdrawalsAsync(op.WithCode(), Ann, Token);

        var audit = await core.AuditAsync();

        Assert.Collection(audit,
            l => Assert.Equal((OperatorEmail, "Withdrawals locked", "user ann@example.com", "unlocked", $"locked: {Why}", Why),
                (l.OperatorEmail, l.Action, l.Subject, l.Before, l.After, l.Reason)),
            u => Assert.Equal(("Withdrawals unlocked", "user ann@example.com", $"locked: {Why}", "unlocked", (string?)null),
                (u.Action, u.Subject, u.Before, u.After, u.Reason)));
        Assert.Equal(TimeSpan.FromHours(2), audit[1].At - audit[0].At);
    }

    [Fact]
    public async Task The_user_directory_finds_users_by_part_of_their_email_and_shows_the_lock()
    {
        await Admin.LockWithdrawalsAsync(op.WithCode(), Ann, Why, Token);
        var directory = core.Get<UserDirectory>();

        var byDomain = await directory.SearchAsync("example.com", cancellationToken: Token);
        var byId = await directory.SearchAsync("user-bob", cancellationToken: Token);
        var everyone = await directory.SearchAsync(null, cancellationToken: Token);

        Assert.Equal(["ann@example.com", OperatorEmail], byDomain.Select(u => u.Email));
        Assert.Equal((true, Why), (byDomain[0].WithdrawalsLocked, byDomain[0].WithdrawalsLockedReason));
        Assert.False(byDomain[1].WithdrawalsLocked);
        Assert.Equal("bob@example.org", Assert.Single(byId).Email);
        Assert.Equal(3, everyone.Count);
        Assert.Null(await directory.FindAsync("user-ghost", Token));
    }
}

public sealed class WithdrawalLockOnPostgreSqlTests : WithdrawalLockTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
