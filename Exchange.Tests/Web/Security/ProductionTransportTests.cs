using System.Net;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Exchange.Tests.Web.Security;

/// <summary>Outside Development the exchange is reached over HTTPS only and its cookies never travel in clear.</summary>
[Integration]
public class ProductionTransportTests : IAsyncLifetime
{
    private static readonly Uri Https = new("https://exchange.test");

    private readonly ExchangeAppFactory production = new()
    {
        Environment = "Production",
        Settings = { ["HubEmulator:Enabled"] = "true", ["https_port"] = "443" },
    };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => production.DisposeAsync();

    [Fact]
    public async Task Plain_http_is_redirected_to_https_and_https_answers_carry_hsts()
    {
        var http = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://exchange.test") });
        var https = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = Https });

        var redirected = await http.GetAsync("/Identity/Account/Login?x=1", Token);
        var secure = await https.GetAsync("/Identity/Account/Login", Token);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal("https://exchange.test/Identity/Account/Login?x=1", redirected.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task The_login_and_antiforgery_cookies_are_secure_http_only_and_strict()
    {
        await production.CreateAsync("alice@example.com");
        var client = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = Https });
        var form = await client.GetAsync("/Identity/Account/Login", Token);
        var antiforgery = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));

        var loggedIn = await production.LoggedInClientAsync("alice@example.com", Https);
        var login = await LoginResponseAsync(production, Https);
        var identity = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));

        foreach (var cookie in new[] { antiforgery, identity })
        {
            var attributes = cookie.ToLowerInvariant();
            Assert.Contains("; secure", attributes);
            Assert.Contains("; httponly", attributes);
            Assert.Contains("; samesite=strict", attributes);
        }
        Assert.Equal(HttpStatusCode.OK, (await loggedIn.GetAsync("/api/v1/balances", Token)).StatusCode);
    }

    private static async Task<HttpResponseMessage> LoginResponseAsync(ExchangeAppFactory app, Uri baseAddress)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = baseAddress });
        var form = await client.GetStringAsync("/Identity/Account/Login", Token);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "alice@example.com", ["Input.Password"] = AccountSteps.Password, ["Input.RememberMe"] = "false", ["__RequestVerificationToken"] = token,
        }), Token);
    }
}
