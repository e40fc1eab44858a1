using Exchange.Core.Coins;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Core.Withdrawals;

/// <summary>
/// The withdrawal rules Core applies to every request, whichever page or endpoint sends it: the
/// two-factor rule over 24 hours at the database's prices, the hold after a security change,
/// idempotency keys, and limits that hold when requests arrive at once.
/// </summary>
[Integration]
public class WithdrawalSecurityTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private const string Ann = "user-ann";

    private CoreDatabase core = null!;
    private UserWithdrawalCommands Withdrawals => core.Get<UserWithdrawalCommands>();
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // $10 is 37 MIOTA at the seeded $0.27.
        core = await CoreDatabase.CreateAsync(s => s.Configure<WithdrawalSecurityOptions>(o => o.TwoFactorRequiredAboveUsd = 10m), engine: Engine);
        await core.AddUserAsync(Ann, "ann@example.com");
        await core.FundAsync(Ann, 500_000_000);
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();

    private Task<WithdrawalResult> RequestAsync(string amount, string? code = null, string? key = null, string coin = CoinSymbols.Iota) =>
        Withdrawals.RequestAsync(new WithdrawalRequest(Ann, coin, amount, TestAddresses.Payout, code, key), Token);

    private async Task<int> CountAsync()
    {
        await using var db = core.NewContext();
        return await db.Withdrawals.CountAsync(w => w.UserId == Ann, Token);
    }

    [Fact]
    public async Task Splitting_a_withdrawal_under_the_threshold_still_needs_two_factor_once_the_days_total_passes_it()
    {
        var first = await RequestAsync("30");
        var second = await RequestAsync("30");

        Assert.True(first.Succeeded);
        var refusal = Assert.Single(second.Problems);
        Assert.Equal(WithdrawalField.TwoFactorCode, refusal.Field);
        Assert.StartsWith("Withdrawals worth more than $10.00 in 24 hours need two-factor authentication (with this one yours come to $16.20).", refusal.Message);
        Assert.Equal(1, await CountAsync());
        Assert.Equal((470_000_000, 30_000_000), await core.BalanceAsync(Ann));
    }

    [Fact]
    public async Task A_day_later_the_earlier_withdrawals_no_longer_count()
    {
        Assert.True((await RequestAsync("30")).Succeeded);
        core.Time.Advance(TimeSpan.FromHours(24.1));

        Assert.True((await RequestAsync("30")).Succeeded);
    }

    [Fact]
    public async Task The_price_in_the_coins_table_is_what_counts()
    {
        await using (var db = core.NewContext())
            await db.Coins.Where(c => c.Symbol == CoinSymbols.Iota).ExecuteUpdateAsync(s => s.SetProperty(c => c.UsdPrice, 0.5m), Token);

        var refused = await RequestAsync("30");

        Assert.Contains("(with this one yours come to $15.00)", Assert.Single(refused.Problems).Message);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_user_with_two_factor_on_cannot_withdraw_without_a_current_unused_code()
    {
        var key = await core.EnableTwoFactorAsync(Ann);

        var withoutCode = await RequestAsync("1");
        var wrongCode = await RequestAsync("1", "000000");
        var code = Totp.Next(key, core.Time);
        var withCode = await RequestAsync("1", code);
        var sameCodeAgain = await RequestAsync("1", code);

        Assert.Equal(WithdrawalField.TwoFactorCode, Assert.Single(withoutCode.Problems).Field);
        Assert.Equal("Enter the current code from your authenticator app.", withoutCode.Problems[0].Message);
        Assert.Equal(WithdrawalField.TwoFactorCode, Assert.Single(wrongCode.Problems).Field);
        Assert.True(withCode.Succeeded, string.Join(" ", withCode.Problems.Select(p => p.Message)));
        Assert.Contains("already used", Assert.Single(sameCodeAgain.Problems).Message);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Bad_input_does_not_spend_the_code()
    {
        var key = await core.EnableTwoFactorAsync(Ann);
        var code = Totp.Next(key, core.Time);

        var tooMuch = await RequestAsync("5000", code);
        var corrected = await RequestAsync("5", code);

        Assert.Equal(WithdrawalField.Amount, Assert.Single(tooMuch.Problems).Field);
        Assert.True(corrected.Succeeded, string.Join(" ", corrected.Problems.Select(p => p.Message)));
    }

    [Fact]
    public async Task Withdrawals_are_held_for_a_day_after_a_security_change_and_the_refusal_says_until_when()
    {
        await using (var db = core.NewContext())
            await db.Users.Where(u => u.Id == Ann).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityChangedAt, core.Time.GetUtcNow().UtcDateTime.AddHours(-1)), Token);

        var held = await RequestAsync("1");
        core.Time.Advance(TimeSpan.FromHours(23));
        var after = await RequestAsync("1");

        Assert.StartsWith("Your withdrawals are held until 2026-11-25 11:00 UTC after a security change to your account", Assert.Single(held.Problems).Message);
        Assert.True(after.Succeeded, string.Join(" ", after.Problems.Select(p => p.Message)));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_creates_one_withdrawal_and_answers_with_it_again()
    {
        var first = await RequestAsync("3", key: "form-render-1");
        var again = await RequestAsync("3", key: "form-render-1");
        var other = await RequestAsync("3", key: "form-render-2");

        Assert.True(again.Succeeded);
        Assert.Equal(first.Withdrawal!.Id, again.Withdrawal!.Id);
        Assert.NotEqual(first.Withdrawal.Id, other.Withdrawal!.Id);
        Assert.Equal((494_000_000, 6_000_000), await core.BalanceAsync(Ann));
    }

    [Fact]
    public async Task Twenty_requests_at_once_with_the_same_idempotency_key_create_one_withdrawal()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => RequestAsync("3", key: "form-render-1"), Token)));

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join(" ", r.Problems.Select(p => p.Message))));
        Assert.Single(results.Select(r => r.Withdrawal!.Id).Distinct());
        Assert.Equal(1, await CountAsync());
        Assert.Equal((497_000_000, 3_000_000), await core.BalanceAsync(Ann));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task A_malformed_idempotency_key_is_refused_with_what_it_may_be(string key)
    {
        var refused = await RequestAsync("3", key: key);

        Assert.Equal(new WithdrawalProblem(WithdrawalField.IdempotencyKey, "An idempotency key is 1 to 64 letters, digits, '-' or '_' (a GUID will do)."), Assert.Single(refused.Problems));
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task Twenty_requests_at_once_never_pass_the_daily_limit()
    {
        // 2 MIOTA each, 10 MIOTA a day: five fit (together $2.70, under the two-factor threshold).
        await using (var db = core.NewContext())
            await db.Coins.Where(c => c.Symbol == CoinSymbols.Iota).ExecuteUpdateAsync(s => s.SetProperty(c => c.DailyWithdrawalLimit, 10_000_000), Token);
        core.Get<CoinCatalogue>().Invalidate();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => RequestAsync("2"), Token)));

        Assert.Equal(5, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.StartsWith("This is over your limit of 10 MIOTA in 24 hours", Assert.Single(r.Problems).Message));
        Assert.Equal((490_000_000, 10_000_000), await core.BalanceAsync(Ann));
        Assert.Equal(5, await CountAsync());
    }

    [Fact]
    public async Task Twenty_requests_at_once_never_pass_the_two_factor_total()
    {
        // $10 threshold: 30 MIOTA is $8.10, so at most one of these goes through without two-factor.
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => RequestAsync("30"), Token)));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(WithdrawalField.TwoFactorCode, Assert.Single(r.Problems).Field));
        Assert.Equal((470_000_000, 30_000_000), await core.BalanceAsync(Ann));
    }
}

public sealed class WithdrawalSecurityOnPostgreSqlTests : WithdrawalSecurityTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
