using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Api;

/// <summary>/api/v1 over HTTP with personal API keys: each endpoint, its errors, and one user never reaching another's data.</summary>
[Integration]
public class ApiTests : IAsyncLifetime
{
    private readonly ExchangeAppFactory app = new();
    private HttpClient alice = null!;
    private HttpClient bob = null!;
    private CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        alice = await ClientForAsync("alice@example.com");
        bob = await ClientForAsync("bob@example.com");
        var aliceId = await app.UserIdAsync("alice@example.com");
        await app.Services.GetRequiredService<LedgerService>().ApplyAsync(LedgerChange.Manual(aliceId, CoinSymbols.Iota, 20_000_000, "ops", "Test funds"), Token);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<HttpClient> ClientForAsync(string email)
    {
        await app.CreateAsync(email);
        return await app.KeyClientAsync(email);
    }

    [Fact]
    public async Task Balances_come_back_per_coin()
    {
        var balances = await alice.GetFromJsonAsync<JsonElement>("/api/v1/balances", Token);

        var iota = balances.EnumerateArray().Single(b => b.GetProperty("coin").GetString() == "MIOTA");
        Assert.Equal(20_000_000, iota.GetProperty("available").GetInt64());
        Assert.Equal("20 MIOTA", iota.GetProperty("availableDisplay").GetString());
    }

    [Fact]
    public async Task A_deposit_address_is_issued_and_then_listed()
    {
        var none = await alice.GetAsync("/api/v1/deposit-address", Token);
        var created = await alice.PostAsync("/api/v1/deposit-address", null, Token);
        var latest = await alice.GetFromJsonAsync<JsonElement>("/api/v1/deposit-address", Token);

        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(90, latest.GetProperty("address").GetString()!.Length);
    }

    [Fact]
    public async Task A_withdrawal_is_requested_listed_and_cancelled_and_bad_input_is_a_validation_problem()
    {
        var created = await alice.PostAsJsonAsync("/api/v1/withdrawals", new { coin = "MIOTA", amount = "2.5", address = TestAddresses.Payout }, Token);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetInt64();
        var bad = await alice.PostAsJsonAsync("/api/v1/withdrawals", new { coin = "MIOTA", amount = "1,5", address = "nope" }, Token);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(Token);
        var cancelled = await alice.PostAsync($"/api/v1/withdrawals/{id}/cancel", null, Token);
        var again = await alice.PostAsync($"/api/v1/withdrawals/{id}/cancel", null, Token);
        var list = await alice.GetFromJsonAsync<JsonElement>("/api/v1/withdrawals", Token);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Use '.' as the decimal point", problem.GetProperty("errors").GetProperty("amount")[0].GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("address", out _));
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("Cancelled", list[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Another_users_withdrawal_is_not_found_for_reading_or_cancelling()
    {
        var created = await alice.PostAsJsonAsync("/api/v1/withdrawals", new { coin = "MIOTA", amount = "1", address = TestAddresses.Payout }, Token);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetInt64();

        var read = await bob.GetAsync($"/api/v1/withdrawals/{id}", Token);
        Assert.True(read.StatusCode == HttpStatusCode.NotFound, await read.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync($"/api/v1/withdrawals/{id}/cancel", null, Token)).StatusCode);
        Assert.Empty((await bob.GetFromJsonAsync<JsonElement>("/api/v1/withdrawals", Token)).EnumerateArray());
        var own = await alice.GetAsync($"/api/v1/withdrawals/{id}", Token);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("Approved", (await own.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task History_pages_the_users_entries_and_refuses_an_unknown_kind()
    {
        var history = await alice.GetFromJsonAsync<JsonElement>("/api/v1/history", Token);
        var unknownKind = await alice.GetAsync("/api/v1/history?kind=Gift", Token);

        Assert.Equal("Manual", Assert.Single(history.GetProperty("entries").EnumerateArray()).GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
    }

    [Fact]
    public async Task A_coin_symbol_in_the_wrong_case_is_an_unknown_coin_for_withdrawals_and_history()
    {
        var withdrawal = await alice.PostAsJsonAsync("/api/v1/withdrawals", new { coin = "miota", amount = "1", address = TestAddresses.Payout }, Token);
        var history = await alice.GetAsync("/api/v1/history?coin=miota", Token);

        Assert.Equal(HttpStatusCode.BadRequest, withdrawal.StatusCode);
        var problem = await withdrawal.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("Unknown coin 'miota'.", problem.GetProperty("errors").GetProperty("coin")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, history.StatusCode);
        Assert.Contains("Unknown coin 'miota'.", await history.Content.ReadAsStringAsync(Token));
        Assert.Empty((await alice.GetFromJsonAsync<JsonElement>("/api/v1/withdrawals", Token)).EnumerateArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("exk_not-a-real-key")]
    public async Task Without_a_valid_key_or_login_the_api_answers_401_not_a_login_page(string? key)
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null) anonymous.DefaultRequestHeaders.Add("X-Api-Key", key);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/balances", Token)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_stops_working()
    {
        var keys = app.Services.GetRequiredService<ApiKeys>();
        var carol = await ClientForAsync("carol@example.com");
        var carolId = await app.UserIdAsync("carol@example.com");
        await keys.RevokeAsync(carolId, (await keys.OfAsync(carolId, Token)).Single().Id, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await carol.GetAsync("/api/v1/balances", Token)).StatusCode);
    }

    [Fact]
    public async Task A_user_with_two_factor_on_needs_a_current_code_to_withdraw_through_the_api()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ExchangeUser>>();
        var user = (await users.FindByEmailAsync("alice@example.com"))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        alice = await app.KeyClientAsync("alice@example.com"); // turning 2FA on revoked the old key

        var without = await alice.PostAsJsonAsync("/api/v1/withdrawals", new { coin = "MIOTA", amount = "1", address = TestAddresses.Payout }, Token);
        var wrong = await alice.PostAsJsonAsync("/api/v1/withdrawals", new { coin = "MIOTA", amount = "1", address = TestAddresses.Payout, twoFactorCode = "000000" }, Token);
        var right = await alice.PostAsJsonAsync("/api/v1/withdrawals",
            new { coin = "MIOTA", amount = "1", address = TestAddresses.Payout, twoFactorCode = Totp.Next(key) }, Token);

        Assert.Equal(HttpStatusCode.Forbidden, without.StatusCode);
        Assert.Contains("Enter the current code from your authenticator app", await without.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_to_signed_in_callers_only()
    {
        var anonymous = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/openapi/v1.json", Token);
        var document = await alice.GetStringAsync("/openapi/v1.json", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("/api/v1/withdrawals/{id}/cancel", document);
        Assert.Contains("/api/v1/balances", document);
    }
}
