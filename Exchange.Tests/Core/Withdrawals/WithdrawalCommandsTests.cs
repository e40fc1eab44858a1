using Exchange.Core.Coins;
using Exchange.Core.Deposits;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Core.Withdrawals;

[Integration]
public class WithdrawalCommandsTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private const string Alice = "alice";

    private CoreDatabase database = null!;
    private SteppedUpOperator ops = null!;
    private HubWithdrawalSteps HubSteps => database.Get<HubWithdrawalSteps>();
    private OperatorWithdrawalCommands OperatorCommands => database.Get<OperatorWithdrawalCommands>();
    private UserWithdrawalCommands UserCommands => database.Get<UserWithdrawalCommands>();
    private WithdrawalQueries Queries => database.Get<WithdrawalQueries>();
    private LedgerService Ledger => database.Get<LedgerService>();
    private CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await CoreDatabase.CreateAsync(engine: Engine);
        ops = await database.OperatorWithTwoFactorAsync("ops");
        await Ledger.ApplyAsync(LedgerChange.Deposit(Alice, CoinSymbols.Iota, 500_000_000, "bundle", "seed-deposit"), Token);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private Task<WithdrawalResult> Request(string? amount, string? address = TestAddresses.Payout, string coin = CoinSymbols.Iota, string user = Alice) =>
        UserCommands.RequestAsync(new WithdrawalRequest(user, coin, amount, address), Token);

    private async Task<(long Available, long Reserved)> BalanceAsync(string user = Alice)
    {
        var account = (await Ledger.AccountsOfAsync(user, Token)).SingleOrDefault(a => a.Coin == CoinSymbols.Iota);
        return (account?.Available ?? 0, account?.Reserved ?? 0);
    }

    [Fact]
    public async Task A_request_under_the_threshold_is_approved_and_reserves_its_amount()
    {
        var result = await Request("12.5");

        Assert.True(result.Succeeded);
        Assert.Equal(WithdrawalState.Approved, result.Withdrawal!.State);
        Assert.Equal((487_500_000, 12_500_000), await BalanceAsync());
        Assert.Equal(TestAddresses.Payout, result.Withdrawal.Address);
    }

    [Fact]
    public async Task A_request_over_the_threshold_waits_for_an_operator_and_is_refunded_when_rejected()
    {
        var requested = await Request("150");
        Assert.Equal(WithdrawalState.AwaitingApproval, requested.Withdrawal!.State);

        var withoutReason = await OperatorCommands.RejectAsync(requested.Withdrawal.Id, ops.WithCode(), " ", Token);
        var rejected = await OperatorCommands.RejectAsync(requested.Withdrawal.Id, ops.WithCode(), "Unusual activity", Token);

        Assert.Equal("A rejection needs a reason the user can read.", withoutReason.Problems.Single().Message);
        Assert.Equal(WithdrawalState.Cancelled, rejected.Withdrawal!.State);
        Assert.Equal("Rejected by an operator: Unusual activity", rejected.Withdrawal.Reason);
        Assert.Equal((500_000_000, 0), await BalanceAsync());
    }

    [Fact]
    public async Task An_approved_request_can_be_approved_by_an_operator_only_once()
    {
        var requested = await Request("150");

        var approved = await OperatorCommands.ApproveAsync(requested.Withdrawal!.Id, ops.WithCode(), "Called the user back", Token);
        var again = await OperatorCommands.ApproveAsync(requested.Withdrawal.Id, ops.WithCode(), "Called the user back", Token);

        Assert.Equal((WithdrawalState.Approved, "ops"), (approved.Withdrawal!.State, approved.Withdrawal.ApprovedBy));
        Assert.Equal($"Cannot approve withdrawal {requested.Withdrawal.Id}: it is approved.", again.Problems.Single().Message);
    }

    [Theory]
    [InlineData("DOGE", "1", TestAddresses.Payout, WithdrawalField.Coin, "Unknown coin 'DOGE'.")]
    [InlineData("miota", "1", TestAddresses.Payout, WithdrawalField.Coin, "Unknown coin 'miota'.")]
    [InlineData(CoinSymbols.Bitcoin, "0.1", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", WithdrawalField.Coin,
        "Bitcoin is shown for demonstration only and is not connected to any network: it cannot be withdrawn.")]
    [InlineData(CoinSymbols.Iota, "1,5", TestAddresses.Payout, WithdrawalField.Amount, "Use '.' as the decimal point and no thousands separators (for example 1234.5 MIOTA).")]
    [InlineData(CoinSymbols.Iota, "0.0001", TestAddresses.Payout, WithdrawalField.Amount, "The smallest withdrawal is 0.001 MIOTA.")]
    [InlineData(CoinSymbols.Iota, "500.000001", TestAddresses.Payout, WithdrawalField.Amount, "You have 500 MIOTA available.")]
    public async Task A_refused_request_says_why_and_changes_nothing(string coin, string amount, string address, WithdrawalField field, string message)
    {
        var result = await Request(amount, address, coin);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((field, message), (problem.Field, problem.Message));
        Assert.Equal((500_000_000, 0), await BalanceAsync());
        await using var db = database.NewContext();
        Assert.Empty(await db.Withdrawals.ToListAsync(Token));
    }

    [Fact]
    public async Task A_mistyped_address_is_refused_with_the_checksum_reason()
    {
        var mistyped = "A" + TestAddresses.Payout[1..];

        var result = await Request("1", mistyped);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(WithdrawalField.Address, problem.Field);
        Assert.Contains("checksum", problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_address_without_its_checksum_is_refused()
    {
        var result = await Request("1", TestAddresses.Payout[..81]);

        Assert.Equal(WithdrawalField.Address, Assert.Single(result.Problems).Field);
    }

    [Fact]
    public async Task The_exchanges_own_deposit_address_is_refused()
    {
        await using (var db = database.NewContext())
        {
            db.DepositAddresses.Add(DepositAddress.Issue("bob", CoinSymbols.Iota, TestAddresses.OtherPayout, database.Time.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(Token);
        }

        var result = await Request("1", TestAddresses.OtherPayout);

        Assert.Equal("This is one of this exchange's own deposit addresses; withdraw to an address of your own wallet.", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public async Task Both_a_bad_amount_and_a_bad_address_are_reported_together()
    {
        var result = await Request("abc", "not-an-address");

        Assert.Equal([WithdrawalField.Amount, WithdrawalField.Address], result.Problems.Select(p => p.Field));
    }

    [Fact]
    public async Task The_daily_limit_counts_every_request_of_the_last_24_hours_not_cancelled()
    {
        await Ledger.ApplyAsync(LedgerChange.Deposit(Alice, CoinSymbols.Iota, 2_000_000_000, "bundle", "big-deposit"), Token);
        foreach (var _ in Enumerable.Range(0, 10))
        {
            var ok = await Request("99");
            await UserCommands.CancelAsync(ok.Withdrawal!.Id, Alice, Token);
        }
        for (var i = 0; i < 10; i++) Assert.True((await Request("99")).Succeeded);

        var over = await Request("20");
        database.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var nextDay = await Request("20");

        Assert.Equal("This is over your limit of 1000 MIOTA in 24 hours; you can withdraw 10 MIOTA more now.", Assert.Single(over.Problems).Message);
        Assert.True(nextDay.Succeeded);
    }

    [Fact]
    public async Task A_user_cancels_before_hub_has_it_and_gets_the_amount_back()
    {
        var requested = await Request("10");

        var other = await UserCommands.CancelAsync(requested.Withdrawal!.Id, "mallory", Token);
        var cancelled = await UserCommands.CancelAsync(requested.Withdrawal.Id, Alice, Token);

        Assert.False(other.Succeeded);
        Assert.Equal(WithdrawalState.Cancelled, cancelled.Withdrawal!.State);
        Assert.Equal((500_000_000, 0), await BalanceAsync());
    }

    [Fact]
    public async Task A_submitted_withdrawal_cannot_be_cancelled_locally_only_through_hub()
    {
        var id = (await Request("10")).Withdrawal!.Id;
        await HubSteps.BeginSubmitAsync(id, Token);
        await HubSteps.MarkSubmittedAsync(id, attempt: 1, "5d2c8e51-9a7f-4d69-8d7a-2f0d1b8e0c11", cancellationToken: Token);

        var local = await UserCommands.CancelAsync(id, Alice, Token);
        var viaHub = await HubSteps.ConfirmHubCancelAsync(id, Token);

        Assert.Equal($"Cannot cancel withdrawal {id}: it is submitted.", local.Problems.Single().Message);
        Assert.True(viaHub.Succeeded);
        Assert.Equal((500_000_000, 0), await BalanceAsync());
    }

    [Fact]
    public async Task A_users_open_withdrawals_are_all_listed_however_many_newer_ones_are_final()
    {
        await Ledger.ApplyAsync(LedgerChange.Deposit("bob", CoinSymbols.Iota, 10_000_000, "bundle", "bob-deposit"), Token);
        var open = (await Request("1")).Withdrawal!.Id;
        var waiting = (await Request("150")).Withdrawal!.Id;
        for (var i = 0; i < 25; i++)
            await UserCommands.CancelAsync((await Request("1")).Withdrawal!.Id, Alice, Token);
        await Request("1", user: "bob");

        var listed = await Queries.OpenForUserAsync(Alice, Token);

        Assert.Equal([waiting, open], listed.Select(w => w.Id));
    }

    [Fact]
    public async Task A_users_withdrawals_in_one_state_are_all_listed_and_no_one_elses()
    {
        await Ledger.ApplyAsync(LedgerChange.Deposit("bob", CoinSymbols.Iota, 10_000_000, "bundle", "bob-deposit"), Token);
        var approved = (await Request("1")).Withdrawal!.Id;
        await Request("150");
        for (var i = 0; i < 55; i++)
            await UserCommands.CancelAsync((await Request("1")).Withdrawal!.Id, Alice, Token);
        var approvedLater = (await Request("2")).Withdrawal!.Id;
        await Request("1", user: "bob");

        var listed = await Queries.ForUserInStateAsync(Alice, WithdrawalState.Approved, Token);

        Assert.Equal([approved, approvedLater], listed.Select(w => w.Id));
    }

    [Fact]
    public async Task A_withdrawal_is_found_for_its_own_user_only()
    {
        var id = (await Request("1")).Withdrawal!.Id;

        Assert.Equal(id, (await Queries.FindForUserAsync(Alice, id, Token))?.Id);
        Assert.Null(await Queries.FindForUserAsync("bob", id, Token));
        Assert.Null(await Queries.FindForUserAsync(Alice, id + 1, Token));
    }

    [Fact]
    public async Task A_completed_withdrawal_consumes_its_reserve_and_a_failed_one_refunds_it()
    {
        var paid = (await Request("10")).Withdrawal!.Id;
        var refused = (await Request("5")).Withdrawal!.Id;
        await HubSteps.BeginSubmitAsync(paid, Token);
        await HubSteps.MarkSubmittedAsync(paid, attempt: 1, "5d2c8e51-9a7f-4d69-8d7a-2f0d1b8e0c11", cancellationToken: Token);
        await HubSteps.MarkSweptAsync(paid, new string('B', 81), Token);
        await HubSteps.BeginSubmitAsync(refused, Token);

        await HubSteps.CompleteAsync(paid, Token);
        var failed = await HubSteps.FailAsync(refused, attempt: 1, "Hub refused it: Address was already spent", Token);

        Assert.Equal("Hub refused it: Address was already spent", failed.Withdrawal!.Reason);
        Assert.Equal((490_000_000, 0), await BalanceAsync());
        Assert.True((await database.Get<Reconciliation>().RunAsync(Token)).IsBalanced);
    }

    [Fact]
    public async Task Two_requests_racing_for_the_same_funds_never_overdraw()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => Request("50"), Token)));

        Assert.Equal(10, results.Count(r => r.Succeeded));
        Assert.Equal((0, 500_000_000), await BalanceAsync());
    }
}

public sealed class WithdrawalCommandsOnPostgreSqlTests : WithdrawalCommandsTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
