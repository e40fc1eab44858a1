using System.Net;
using System.Net.Http.Json;
using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Api;

/// <summary>
/// POST /api/v1/withdrawals over Core's rules: the two-factor threshold follows the price an operator
/// set and answers 403; an Idempotency-Key makes a retried or repeated post create one withdrawal.
/// </summary>
[Integration]
public class WithdrawalApiSecurityTests : IAsyncLifetime
{
    private readonly ExchangeAppFactory app = new() { Settings = { ["WithdrawalSecurity:TwoFactorRequiredAboveUsd"] = "10" } };
    private HttpClient alice = null!;
    private string aliceId = "";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.CreateAsync("alice@example.com");
        aliceId = await app.UserIdAsync("alice@example.com");
        await app.Services.GetRequiredService<LedgerService>().ApplyAsync(LedgerChange.Manual(aliceId, CoinSymbols.Iota, 100_000_000, "ops", "Test funds"), Token);
        var secret = await app.ApiKeyAsync("alice@example.com");
        alice = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        alice.DefaultRequestHeaders.Add("X-Api-Key", secret);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    // 30 MIOTA: $8.10 at the seeded $0.27, $15.00 at $0.50.
    private Task<HttpResponseMessage> WithdrawThirtyAsync() =>
        alice.PostAsJsonAsync("/api/v1/withdrawals", new { coin = CoinSymbols.Iota, amount = "30", address = TestAddresses.Payout }, Token);

    [Fact]
    public async Task After_an_operator_raises_the_price_a_withdrawal_now_worth_more_than_the_threshold_needs_two_factor()
    {
        var atSeedPrice = await WithdrawThirtyAsync();
        await app.CreateAsync("ops@example.com", isOperator: true);
        var opsKey = await app.EnableTwoFactorAsync("ops@example.com");
        var saved = await app.Services.GetRequiredService<CoinSettings>().UpdateAsync(
            new OperatorCredentials(await app.UserIdAsync("ops@example.com"), Totp.Next(opsKey)), CoinSymbols.Iota, new CoinRules("0.5", "0.001", "1000", "100", "4000"), Token);

        var atNewPrice = await WithdrawThirtyAsync();

        Assert.Equal(HttpStatusCode.Created, atSeedPrice.StatusCode);
        Assert.True(saved.Succeeded, saved.Message);
        Assert.Equal(HttpStatusCode.Forbidden, atNewPrice.StatusCode);
        Assert.Contains("Withdrawals worth more than $10.00 in 24 hours need two-factor authentication", await atNewPrice.Content.ReadAsStringAsync(Token));
        Assert.Single(await app.Services.GetRequiredService<WithdrawalQueries>().ForUserAsync(aliceId, cancellationToken: Token));
    }

    private Task<HttpResponseMessage> PostWithKeyAsync(string key)
    {
        var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/withdrawals")
        {
            Content = JsonContent.Create(new { coin = CoinSymbols.Iota, amount = "2", address = TestAddresses.Payout }),
        };
        post.Headers.Add("Idempotency-Key", key);
        return alice.SendAsync(post, Token);
    }

    private async Task<long> ReservedAsync() =>
        (await app.Services.GetRequiredService<LedgerService>().AccountsOfAsync(aliceId, Token)).Single(a => a.Coin == CoinSymbols.Iota).Reserved;

    [Fact]
    public async Task The_same_idempotency_key_twice_creates_one_withdrawal_and_answers_the_same_both_times()
    {
        var first = await PostWithKeyAsync("retry-me");
        var again = await PostWithKeyAsync("retry-me");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Token), await again.Content.ReadAsStringAsync(Token));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Single(await app.Services.GetRequiredService<WithdrawalQueries>().ForUserAsync(aliceId, cancellationToken: Token));
        Assert.Equal(2_000_000, await ReservedAsync());
    }

    [Fact]
    public async Task Ten_posts_at_once_with_one_key_create_one_withdrawal()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostWithKeyAsync("one-intent")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single(answers.Select(a => a.Headers.Location).Distinct());
        Assert.Single(await app.Services.GetRequiredService<WithdrawalQueries>().ForUserAsync(aliceId, cancellationToken: Token));
        Assert.Equal(2_000_000, await ReservedAsync());
    }

    [Fact]
    public async Task A_malformed_idempotency_key_is_a_validation_problem_naming_it()
    {
        var answer = await PostWithKeyAsync(new string('k', 65));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("\"idempotencykey\"", await answer.Content.ReadAsStringAsync(Token));
        Assert.Empty(await app.Services.GetRequiredService<WithdrawalQueries>().ForUserAsync(aliceId, cancellationToken: Token));
    }
}
