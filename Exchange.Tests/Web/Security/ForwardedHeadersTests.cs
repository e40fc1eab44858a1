using System.Net;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.Security;

/// <summary>X-Forwarded-For counts only from a configured proxy, so rotating it does not escape the login limit.</summary>
[Integration]
public sealed class ForwardedHeadersTests
{
    private static async Task<HttpStatusCode> LoginFromAsync(Uri app, string forwardedFor)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return (await client.PostLoginAsync("guess@example.com", "Guess-pass-1")).StatusCode;
    }

    private static ExchangeAppFactory App(string? knownProxy)
    {
        var settings = new Dictionary<string, string> { ["Security:RateLimits:SignInPerMinute"] = "2" };
        if (knownProxy is not null) settings["Security:KnownProxies:0"] = knownProxy;
        return new ExchangeAppFactory { Settings = settings };
    }

    [Fact]
    public async Task Without_known_proxies_a_new_forwarded_address_is_still_the_same_client()
    {
        await using var app = App(knownProxy: null);
        var address = app.StartOnKestrel();

        Assert.Equal(HttpStatusCode.OK, await LoginFromAsync(address, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await LoginFromAsync(address, "203.0.113.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginFromAsync(address, "203.0.113.3"));
    }

    [Fact]
    public async Task Behind_a_known_proxy_each_forwarded_address_has_its_own_limit()
    {
        await using var app = App(knownProxy: "127.0.0.1");
        var address = app.StartOnKestrel();

        Assert.Equal(HttpStatusCode.OK, await LoginFromAsync(address, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await LoginFromAsync(address, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginFromAsync(address, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await LoginFromAsync(address, "203.0.113.2"));
    }
}
