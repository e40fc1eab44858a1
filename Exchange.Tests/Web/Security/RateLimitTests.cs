using System.Net;
using System.Net.Http.Json;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.Security;

/// <summary>Bursts of guesses and writes are answered 429 with Retry-After and a sentence, per address and per user.</summary>
[Integration]
public sealed class RateLimitTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ExchangeAppFactory App(params (string Key, string Value)[] settings) =>
        new() { Settings = settings.ToDictionary(s => s.Key, s => s.Value) };

    private static async Task<HttpClient> ApiClientAsync(ExchangeAppFactory app, string email)
    {
        await app.CreateAsync(email);
        var secret = await app.ApiKeyAsync(email);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    private static void AssertRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task A_burst_of_login_posts_is_refused_with_retry_after_and_the_form_still_shows()
    {
        await using var app = App(("Security:RateLimits:SignInPerMinute", "3"));
        var client = app.FormClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostLoginAsync("guess@example.com", $"Guess-{i}-pass")).StatusCode);

        var refused = await client.PostLoginAsync("guess@example.com", "Guess-4-pass");

        AssertRefused(refused);
        Assert.Equal("text/html", refused.Content.Headers.ContentType!.MediaType);
        Assert.Matches("Too many attempts in a short time. Please wait [0-9]+ seconds and try again.", await refused.TextAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Identity/Account/Login", Token)).StatusCode);
    }

    [Fact]
    public async Task Every_spelling_that_reaches_the_login_page_counts_toward_its_limit()
    {
        await using var app = App(("Security:RateLimits:SignInPerMinute", "3"));
        var client = app.FormClient();
        foreach (var url in (string[])["/Identity/Account/Login/", "/IDENTITY/account/LOGIN", "/Identity/Account/Login?handler=Other"])
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PostFormAsync(url, LoginFields())).StatusCode);

        var refused = await client.PostFormAsync("/Identity/Account/Login/", LoginFields());

        AssertRefused(refused);
        Assert.Matches("Too many attempts in a short time. Please wait [0-9]+ seconds and try again.", await refused.TextAsync());
    }

    [Theory]
    [InlineData("/Identity/Account/Register/")]
    [InlineData("/identity/account/forgotpassword/")]
    [InlineData("/Identity/Account/ResendEmailConfirmation/")]
    public async Task A_trailing_slash_or_another_case_does_not_escape_the_account_form_limit(string url)
    {
        await using var app = App(("Security:RateLimits:AccountFormsPerMinute", "2"));
        var client = app.FormClient();
        for (var i = 0; i < 2; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PostFormAsync(url, AccountFields())).StatusCode);

        AssertRefused(await client.PostFormAsync(url, AccountFields()));
    }

    private static Dictionary<string, string> LoginFields() =>
        new() { ["Input.Email"] = "guess@example.com", ["Input.Password"] = "Guess-pass-1", ["Input.RememberMe"] = "false" };

    private static Dictionary<string, string> AccountFields() =>
        new() { ["Input.Email"] = "someone@example.com", ["Input.Password"] = "Some-pass-123", ["Input.ConfirmPassword"] = "Other-pass-456" };

    [Fact]
    public async Task Login_posts_for_one_email_are_limited_from_any_address()
    {
        await using var app = App(("Security:RateLimits:SignInPerAccountPerMinute", "2"));
        for (var i = 0; i < 2; i++)
            await app.FormClient().PostLoginAsync("target@example.com", "Guess-pass-1");

        var refused = await app.FormClient().PostLoginAsync("TARGET@example.com", "Guess-pass-2");

        AssertRefused(refused);
        Assert.Contains("Too many attempts in a short time.", await refused.TextAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.FormClient().PostLoginAsync("other@example.com", "Guess-pass-3")).StatusCode);
    }

    [Fact]
    public async Task A_burst_of_api_writes_by_one_user_is_refused_while_another_user_writes_on()
    {
        await using var app = App(("Security:RateLimits:ApiWritesPerMinute", "2"));
        var alice = await ApiClientAsync(app, "alice@example.com");
        var bob = await ApiClientAsync(app, "bob@example.com");
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await alice.PostAsync("/api/v1/withdrawals/999/cancel", null, Token)).StatusCode);

        var refused = await alice.PostAsync("/api/v1/withdrawals/999/cancel", null, Token);

        AssertRefused(refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("Too many attempts in a short time.", (await refused.Content.ReadFromJsonAsync<Problem>(Token))!.Detail);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/v1/balances", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync("/api/v1/withdrawals/999/cancel", null, Token)).StatusCode);
    }

    [Fact]
    public async Task New_deposit_addresses_are_limited_per_user()
    {
        await using var app = App(("Security:RateLimits:DepositAddressesPerHour", "2"));
        var alice = await ApiClientAsync(app, "alice@example.com");
        var bob = await ApiClientAsync(app, "bob@example.com");
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Created, (await alice.PostAsync("/api/v1/deposit-address", null, Token)).StatusCode);

        var refused = await alice.PostAsync("/api/v1/deposit-address", null, Token);

        AssertRefused(refused);
        Assert.Matches("You asked for many new deposit addresses in a short time. Please wait [0-9]+ minutes and try again.",
            (await refused.Content.ReadFromJsonAsync<Problem>(Token))!.Detail);
        Assert.Equal(HttpStatusCode.Created, (await bob.PostAsync("/api/v1/deposit-address", null, Token)).StatusCode);
    }

    private sealed record Problem(string? Title, string? Detail);
}
