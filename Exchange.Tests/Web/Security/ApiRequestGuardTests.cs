using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Security;

/// <summary>
/// Cookie-signed API writes need the antiforgery token (another site cannot post for a signed-in
/// browser), API-key writes need none, and bodies are capped.
/// </summary>
[Integration]
public class ApiRequestGuardTests : IAsyncLifetime
{
    private readonly ExchangeAppFactory app = new();
    private HttpClient cookie = null!;
    private long withdrawalId;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.CreateAsync("alice@example.com");
        var aliceId = await app.UserIdAsync("alice@example.com");
        await app.Services.GetRequiredService<LedgerService>().ApplyAsync(LedgerChange.Manual(aliceId, CoinSymbols.Iota, 20_000_000, "ops", "Test funds"), Token);
        var requested = await app.Services.GetRequiredService<UserWithdrawalCommands>().RequestAsync(new WithdrawalRequest(aliceId, CoinSymbols.Iota, "1", TestAddresses.Payout), Token);
        withdrawalId = requested.Withdrawal!.Id;
        cookie = await app.LoggedInClientAsync("alice@example.com");
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<string> StateAsync() =>
        (await cookie.GetFromJsonAsync<JsonElement>($"/api/v1/withdrawals/{withdrawalId}", Token)).GetProperty("state").GetString()!;

    [Fact]
    public async Task A_cookie_signed_cancel_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var refused = await cookie.PostAsync($"/api/v1/withdrawals/{withdrawalId}/cancel", null, Token);
        var wrongToken = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/withdrawals/{withdrawalId}/cancel") { Headers = { { "X-XSRF-TOKEN", "forged" } } };
        var forged = await cookie.SendAsync(wrongToken, Token);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("needs the antiforgery token in the X-XSRF-TOKEN header", await refused.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("Approved", await StateAsync());
    }

    [Fact]
    public async Task With_the_token_from_the_api_the_cookie_signed_cancel_goes_through()
    {
        var token = await cookie.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery-token", Token);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/withdrawals/{withdrawalId}/cancel");
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());

        var cancelled = await cookie.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", await StateAsync());
    }

    [Fact]
    public async Task An_api_key_client_writes_without_any_token()
    {
        var key = await app.KeyClientAsync("alice@example.com");

        var cancelled = await key.PostAsync($"/api/v1/withdrawals/{withdrawalId}/cancel", null, Token);
        var address = await key.PostAsync("/api/v1/deposit-address", null, Token);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Created, address.StatusCode);
    }

    [Fact]
    public async Task A_body_over_64_kilobytes_gets_413_with_a_sentence_and_no_withdrawal()
    {
        var key = await app.KeyClientAsync("alice@example.com");
        var padding = new string('x', 64 * 1024);

        var body = JsonSerializer.Serialize(new { coin = "MIOTA", amount = "1", address = TestAddresses.Payout, note = padding });
        var response = await key.PostAsync("/api/v1/withdrawals", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Token);
        var fits = await key.PostAsJsonAsync("/api/v1/withdrawals", new { coin = "MIOTA", amount = "1", address = TestAddresses.Payout, note = new string('x', 60 * 1024) }, Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("The API reads request bodies of at most 65,536 bytes", await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        Assert.Equal(2, (await key.GetFromJsonAsync<JsonElement>("/api/v1/withdrawals", Token)).GetArrayLength());
    }
}
