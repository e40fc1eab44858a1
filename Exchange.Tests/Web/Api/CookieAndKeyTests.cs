using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Core.Accounts;
using Exchange.Core.Deposits;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Api;

/// <summary>
/// A request with an API key is signed in by the key alone: one that carries a login cookie as well
/// is refused, so someone else's key never lends its owner to a cookie, nor a cookie its freedom from scopes to a key.
/// </summary>
[Integration]
public class CookieAndKeyTests : IAsyncLifetime
{
    private const string Alice = "alice@example.com";
    private const string Mallory = "mallory@example.com";
    private const string Ops = "ops@example.com";
    private readonly ExchangeAppFactory app = new();
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.CreateAsync(Alice);
        await app.CreateAsync(Mallory);
        await app.CreateAsync(Ops, isOperator: true);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    /// <summary>Mallory's own login cookie, with <paramref name="key"/> in X-Api-Key on every request.</summary>
    private async Task<HttpClient> MalloryWithKeyAsync(string key)
    {
        var client = await app.LoggedInClientAsync(Mallory);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>Sends the request with the antiforgery token the same client was given, when it was given one.</summary>
    private static async Task<HttpResponseMessage> SendWithTokenAsync(HttpClient client, HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        var token = await client.GetAsync("/api/v1/antiforgery-token", Token);
        if (token.IsSuccessStatusCode)
            request.Headers.Add("X-XSRF-TOKEN", (await token.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("token").GetString());
        return await client.SendAsync(request, Token);
    }

    private static async Task AssertRefusedAsBothAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("This request carries both an X-Api-Key header and a login cookie. Send one or the other: the key alone from a program, the cookie alone from the browser.",
            problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_login_cookie_with_someone_elses_read_key_is_refused_and_issues_no_address_for_the_keys_owner()
    {
        var alicesReadKey = await app.ApiKeyAsync(Alice, ApiKeyScopes.Read);
        var mallory = await MalloryWithKeyAsync(alicesReadKey);

        var issued = await SendWithTokenAsync(mallory, HttpMethod.Post, "/api/v1/deposit-address");
        var read = await mallory.GetAsync("/api/v1/balances", Token);

        await AssertRefusedAsBothAsync(issued);
        await AssertRefusedAsBothAsync(read);
        var (address, _) = await app.Services.GetRequiredService<DepositAddressService>().LatestAsync(await app.UserIdAsync(Alice), Token);
        Assert.Null(address);
    }

    [Fact]
    public async Task A_login_cookie_with_an_operators_read_key_revokes_no_key_and_scrapes_no_metrics()
    {
        var alicesKey = await app.ApiKeyAsync(Alice, ApiKeyScopes.Read);
        var aliceId = await app.UserIdAsync(Alice);
        var keyId = Assert.Single(await app.Services.GetRequiredService<ApiKeys>().OfAsync(aliceId, Token)).Id;
        var mallory = await MalloryWithKeyAsync(await app.ApiKeyAsync(Ops, ApiKeyScopes.OperatorRead));
        var opsNarrowKey = await MalloryWithKeyAsync(await app.ApiKeyAsync(Ops, ApiKeyScopes.Read));

        var revoked = await SendWithTokenAsync(mallory, HttpMethod.Delete, $"/api/v1/operator/users/{aliceId}/api-keys/{keyId}");
        var metrics = await opsNarrowKey.GetAsync("/metrics", Token);

        await AssertRefusedAsBothAsync(revoked);
        await AssertRefusedAsBothAsync(metrics);
        Assert.NotNull(await app.Services.GetRequiredService<ApiKeys>().HolderOfAsync(alicesKey, Token));
    }

    [Fact]
    public async Task The_key_alone_or_the_cookie_alone_still_signs_in()
    {
        var key = await app.KeyClientAsync(Alice, ApiKeyScopes.Read);
        var cookie = await app.LoggedInClientAsync(Alice);

        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/v1/balances", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/api/v1/balances", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/api/v1/balances") { Headers = { { "X-Api-Key", "not-a-key" } } }, Token)).StatusCode);
    }
}
