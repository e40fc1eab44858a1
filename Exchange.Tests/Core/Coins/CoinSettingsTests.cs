using Exchange.Core.Coins;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using static Exchange.Tests.Infrastructure.OperatorSteps;

namespace Exchange.Tests.Core.Coins;

/// <summary>Operators edit a coin's price and withdrawal rules; the next request follows them, every change is audited.</summary>
[Integration]
public class CoinSettingsTests : IAsyncLifetime
{
    private const string Ann = "user-ann";
    private const string SeededIota = "price $0.27 (0.27), minimum 0.001 MIOTA, daily limit 1000 MIOTA, approval above 100 MIOTA, four eyes above 4000 MIOTA";
    private CoreDatabase core = null!;
    private SteppedUpOperator op = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private CoinSettings Settings => core.Get<CoinSettings>();

    public async ValueTask InitializeAsync()
    {
        core = await CoreDatabase.CreateAsync();
        op = await core.OperatorWithTwoFactorAsync(Operator, OperatorEmail);
        await core.FundAsync(Ann, 500_000_000);
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();

    private async Task<Coin> IotaAsync() => (await Settings.AllAsync(Token)).Single(c => c.Symbol == CoinSymbols.Iota);

    private Task<WithdrawalResult> RequestAsync(string amount) =>
        core.Get<UserWithdrawalCommands>().RequestAsync(new WithdrawalRequest(Ann, CoinSymbols.Iota, amount, TestAddresses.Payout), Token);

    [Fact]
    public async Task The_form_starts_from_the_coins_rules_in_display_units()
    {
        Assert.Equal(new CoinRules("0.27", "0.001", "1000", "100", "4000"), CoinSettings.RulesOf(await IotaAsync()));
    }

    [Fact]
    public async Task Saving_changes_the_coin_and_audits_before_and_after()
    {
        var result = await Settings.UpdateAsync(op.WithCode(), CoinSymbols.Iota, new CoinRules("0.31", "0.5", "250", "20", "4000"), Token);

        Assert.Equal((true, "IOTA saved."), (result.Succeeded, result.Message));
        var iota = await IotaAsync();
        Assert.Equal((0.31m, 500_000L, 250_000_000L, 20_000_000L), (iota.UsdPrice, iota.WithdrawalMinimum, iota.DailyWithdrawalLimit, iota.ApprovalThreshold));
        var audit = Assert.Single(await core.AuditAsync());
        Assert.Equal((OperatorEmail, "Coin settings changed", "coin MIOTA", SeededIota,
                "price $0.31 (0.31), minimum 0.5 MIOTA, daily limit 250 MIOTA, approval above 20 MIOTA, four eyes above 4000 MIOTA"),
            (audit.OperatorEmail, audit.Action, audit.Subject, audit.Before, audit.After));
    }

    [Fact]
    public async Task A_lower_approval_threshold_makes_the_next_withdrawal_wait_for_an_operator()
    {
        var before = await RequestAsync("30");

        await Settings.UpdateAsync(op.WithCode(), CoinSymbols.Iota, new CoinRules("0.27", "0.001", "1000", "25", "4000"), Token);
        var after = await RequestAsync("30");
        var under = await RequestAsync("25");

        Assert.Equal(WithdrawalState.Approved, before.Withdrawal!.State);
        Assert.Equal(WithdrawalState.AwaitingApproval, after.Withdrawal!.State);
        Assert.Equal(WithdrawalState.Approved, under.Withdrawal!.State);
    }

    [Fact]
    public async Task A_new_minimum_and_daily_limit_apply_to_the_next_request()
    {
        await Settings.UpdateAsync(op.WithCode(), CoinSymbols.Iota, new CoinRules("0.27", "2", "50", "100", "4000"), Token);

        var small = await RequestAsync("1.5");
        var ok = await RequestAsync("40");
        var over = await RequestAsync("11");

        Assert.Equal("The smallest withdrawal is 2 MIOTA.", Assert.Single(small.Problems).Message);
        Assert.True(ok.Succeeded);
        Assert.Equal("This is over your limit of 50 MIOTA in 24 hours; you can withdraw 10 MIOTA more now.", Assert.Single(over.Problems).Message);
    }

    [Theory]
    [InlineData("abc", "1", "100", "50", "The USD price must be a positive number like 0.27 (at most 8 decimals, '.' as the separator).")]
    [InlineData("0", "1", "100", "50", "The USD price must be a positive number like 0.27 (at most 8 decimals, '.' as the separator).")]
    [InlineData("-1", "1", "100", "50", "The USD price must be a positive number like 0.27 (at most 8 decimals, '.' as the separator).")]
    [InlineData("0,27", "1", "100", "50", "The USD price must be a positive number like 0.27 (at most 8 decimals, '.' as the separator).")]
    [InlineData("0.123456789", "1", "100", "50", "The USD price must be a positive number like 0.27 (at most 8 decimals, '.' as the separator).")]
    [InlineData("", "1", "100", "50", "The USD price must be a positive number like 0.27 (at most 8 decimals, '.' as the separator).")]
    [InlineData("0.3", "x", "100", "50", "The minimum withdrawal: 'x' is not a number.")]
    [InlineData("0.3", "1", "0", "50", "The daily limit: The amount must be more than zero.")]
    [InlineData("0.3", "1", "100", "1.0000001", "The approval threshold: MIOTA has at most 6 decimals.")]
    [InlineData("0.3", "1", "1,000", "50", "The daily limit: Use '.' as the decimal point and no thousands separators (for example 1234.5 MIOTA).")]
    [InlineData("0.3", "101", "100", "50", "The minimum withdrawal cannot be above the daily limit.")]
    public async Task A_bad_value_is_refused_with_its_message_and_nothing_is_saved_or_audited(string price, string minimum, string daily, string threshold, string message)
    {
        var result = await Settings.UpdateAsync(op.WithCode(), CoinSymbols.Iota, new CoinRules(price, minimum, daily, threshold, "4000"), Token);

        Assert.Equal((false, message), (result.Succeeded, result.Message));
        Assert.Equal(new CoinRules("0.27", "0.001", "1000", "100", "4000"), CoinSettings.RulesOf(await IotaAsync()));
        Assert.Empty(await core.AuditAsync());
    }

    [Fact]
    public async Task Saving_the_same_values_or_an_unknown_coin_is_refused_and_not_audited()
    {
        var same = await Settings.UpdateAsync(op.WithCode(), CoinSymbols.Iota, new CoinRules("0.27", "0.001", "1000", "100", "4000"), Token);
        var doge = await Settings.UpdateAsync(op.WithCode(), "DOGE", new CoinRules("0.27", "0.001", "1000", "100", "4000"), Token);
        var lowercase = await Settings.UpdateAsync(op.WithCode(), "miota", new CoinRules("0.5", "0.001", "1000", "100", "4000"), Token);

        Assert.Equal((false, "Nothing changed."), (same.Succeeded, same.Message));
        Assert.Equal((false, "Unknown coin 'DOGE'."), (doge.Succeeded, doge.Message));
        Assert.Equal((false, "Unknown coin 'miota'."), (lowercase.Succeeded, lowercase.Message));
        Assert.Equal(0.27m, (await IotaAsync()).UsdPrice);
        Assert.Empty(await core.AuditAsync());
    }
}
