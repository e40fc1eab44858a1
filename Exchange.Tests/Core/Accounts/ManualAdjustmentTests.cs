using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Tests.Infrastructure;
using static Exchange.Tests.Infrastructure.OperatorSteps;

namespace Exchange.Tests.Core.Accounts;

/// <summary>An operator corrects a user's balance: through the ledger, with a reason the user reads, audited.</summary>
[Integration]
public class ManualAdjustmentTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private const string Ann = "user-ann";
    private CoreDatabase core = null!;
    private string operatorKey = "";
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private UserAdministration Admin => core.Get<UserAdministration>();

    public async ValueTask InitializeAsync()
    {
        core = await CoreDatabase.CreateAsync(engine: Engine);
        operatorKey = await core.AddOperatorAsync(Operator, OperatorEmail);
        await core.AddUserAsync(Ann, "ann@example.com");
        await core.FundAsync(Ann, 10_000_000);
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();

    private Task<OperatorResult> Adjust(AdjustmentDirection direction, string? amount, string? reason, string user = Ann, string coin = CoinSymbols.Iota) =>
        Admin.AdjustAsync(new ManualAdjustment(Operator, user, coin, direction, amount, reason, core.Code(operatorKey)), Token);

    [Fact]
    public async Task A_credit_with_a_reason_is_a_manual_ledger_entry_the_user_sees_and_is_audited_with_before_and_after()
    {
        var result = await Adjust(AdjustmentDirection.Credit, "2.5", "  Goodwill for the outage on 20 Nov  ");

        Assert.Equal((true, "Credited 2.5 MIOTA; 12.5 MIOTA available now."), (result.Succeeded, result.Message));
        Assert.Equal((12_500_000L, 0L), await core.BalanceAsync(Ann));
        var entry = (await core.EntriesAsync(Ann)).Last();
        Assert.Equal((LedgerEntryKind.Manual, LedgerCause.Operator, 2_500_000L, Operator, "Goodwill for the outage on 20 Nov"),
            (entry.Kind, entry.Cause, entry.AvailableChange, entry.OperatorId, entry.Reason));
        var audit = Assert.Single(await core.AuditAsync());
        Assert.Equal((OperatorEmail, "Manual adjustment", "user ann@example.com", "10 MIOTA available", "12.5 MIOTA available", "Goodwill for the outage on 20 Nov"),
            (audit.OperatorEmail, audit.Action, audit.Subject, audit.Before, audit.After, audit.Reason));
        Assert.Equal(core.Time.GetUtcNow().UtcDateTime, audit.At);
        Assert.True((await core.Get<Reconciliation>().RunAsync(Token)).IsBalanced);
    }

    [Fact]
    public async Task A_debit_takes_from_available_and_says_what_is_left()
    {
        var result = await Adjust(AdjustmentDirection.Debit, "4", "Deposit credited twice by mistake");

        Assert.Equal((true, "Debited 4 MIOTA; 6 MIOTA available now."), (result.Succeeded, result.Message));
        Assert.Equal((6_000_000L, 0L), await core.BalanceAsync(Ann));
        Assert.Equal(-4_000_000L, (await core.EntriesAsync(Ann)).Last().AvailableChange);
        var audit = Assert.Single(await core.AuditAsync());
        Assert.Equal(("10 MIOTA available", "6 MIOTA available"), (audit.Before, audit.After));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_adjustment_without_a_reason_is_refused_and_changes_nothing(string? reason)
    {
        var result = await Adjust(AdjustmentDirection.Credit, "1", reason);

        Assert.Equal((false, "A manual adjustment needs a reason; the user sees it in their history."), (result.Succeeded, result.Message));
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task A_debit_above_what_is_available_is_refused_and_changes_nothing()
    {
        await core.RequestWithdrawalAsync(Ann, "3"); // 7 available, 3 reserved: the reserve is not the operator's to take

        var result = await Adjust(AdjustmentDirection.Debit, "7.000001", "Chargeback");

        Assert.False(result.Succeeded);
        Assert.Contains("Insufficient funds", result.Message, StringComparison.Ordinal);
        Assert.Equal((7_000_000L, 3_000_000L), await core.BalanceAsync(Ann));
        Assert.DoesNotContain(await core.EntriesAsync(Ann), e => e.Kind == LedgerEntryKind.Manual);
        Assert.Empty(await core.AuditAsync());
    }

    [Fact]
    public async Task A_debit_of_a_user_without_an_account_is_refused_and_opens_no_account()
    {
        await core.AddUserAsync("user-new", "new@example.com");

        var result = await Adjust(AdjustmentDirection.Debit, "1", "Test", user: "user-new");

        Assert.False(result.Succeeded);
        Assert.Empty(await core.Get<LedgerService>().AccountsOfAsync("user-new", Token));
        Assert.Empty(await core.AuditAsync());
    }

    [Theory]
    [InlineData("1,5", "Use '.' as the decimal point and no thousands separators (for example 1234.5 MIOTA).")]
    [InlineData("abc", "'abc' is not a number.")]
    [InlineData("0", "The amount must be more than zero.")]
    [InlineData("-1", "The amount must be positive.")]
    [InlineData("0.0000001", "MIOTA has at most 6 decimals.")]
    [InlineData("", "Enter an amount.")]
    public async Task A_bad_amount_is_refused_with_the_amount_parsers_message(string amount, string message)
    {
        var result = await Adjust(AdjustmentDirection.Credit, amount, "Correction");

        Assert.Equal((false, message), (result.Succeeded, result.Message));
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task An_adjustment_for_an_unknown_user_or_coin_is_refused()
    {
        var nobody = await Adjust(AdjustmentDirection.Credit, "1", "Correction", user: "user-ghost");
        var doge = await Adjust(AdjustmentDirection.Credit, "1", "Correction", coin: "DOGE");
        var lowercase = await Adjust(AdjustmentDirection.Credit, "1", "Correction", coin: "miota");

        Assert.Equal("There is no such user.", nobody.Message);
        Assert.Equal("Unknown coin 'DOGE'.", doge.Message);
        Assert.Equal((false, "Unknown coin 'miota'."), (lowercase.Succeeded, lowercase.Message));
        Assert.Empty(await core.Get<LedgerService>().AccountsOfAsync("user-ghost", Token));
        await AssertNothingChangedAsync();
    }

    private async Task AssertNothingChangedAsync()
    {
        Assert.Equal((10_000_000L, 0L), await core.BalanceAsync(Ann));
        Assert.DoesNotContain(await core.EntriesAsync(Ann), e => e.Kind == LedgerEntryKind.Manual);
        Assert.Empty(await core.AuditAsync());
    }
}

public sealed class ManualAdjustmentOnPostgreSqlTests : ManualAdjustmentTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
