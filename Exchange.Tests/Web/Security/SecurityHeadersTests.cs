using System.Net;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Exchange.Tests.Web.Security;

/// <summary>Every kind of response carries the headers that keep the exchange out of frames, sniffing and other sites' scripts.</summary>
[Integration]
public class SecurityHeadersTests : IAsyncLifetime
{
    private readonly ExchangeAppFactory app = new();
    private HttpClient client = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.CreateAsync("alice@example.com");
        client = await app.LoggedInClientAsync("alice@example.com");
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    public static TheoryData<string> Paths() =>
    [
        "/", "/withdraw", "/Identity/Account/Manage", "/api/v1/balances", "/api/v1/withdrawals/999999", "/app.css", "/no-such-page",
        "/operator",
    ];

    [Theory, MemberData(nameof(Paths))]
    public async Task Pages_identity_pages_api_answers_static_files_and_errors_carry_the_security_headers(string path)
    {
        var response = await client.GetAsync(path, Token);

        Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Matches("^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'$", csp);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_login_page_of_an_anonymous_visitor_carries_them_too_and_each_page_gets_its_own_nonce()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var first = await anonymous.GetAsync("/Identity/Account/Login", Token);
        var second = await anonymous.GetAsync("/Identity/Account/Login", Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("DENY", Assert.Single(first.Headers.GetValues("X-Frame-Options")));
        Assert.NotEqual(first.Headers.GetValues("Content-Security-Policy").Single(), second.Headers.GetValues("Content-Security-Policy").Single());
    }
}
