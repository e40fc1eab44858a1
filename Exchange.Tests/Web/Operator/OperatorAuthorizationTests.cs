using System.Net.Http.Json;
using System.Net;
using Exchange.Core.Accounts;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Exchange.Tests.Web.Operator;

/// <summary>One exchange with a user and an operator, each signed in by cookie and by API key.</summary>
public sealed class OperatorAccessFixture : IAsyncLifetime
{
    public ExchangeAppFactory App { get; } = new();
    public HttpClient Anonymous { get; private set; } = null!;
    public HttpClient UserCookie { get; private set; } = null!;
    public HttpClient OperatorCookie { get; private set; } = null!;
    public HttpClient UserKey { get; private set; } = null!;
    public HttpClient OperatorKey { get; private set; } = null!;
    public string UserId { get; private set; } = "";

    /// <summary>The operator's authenticator key: every operator write needs a code from it.</summary>
    public string OperatorTwoFactorKey { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        await App.CreateAsync("user@example.com");
        await App.CreateAsync("ops@example.com", isOperator: true);
        UserId = await App.UserIdAsync("user@example.com");
        Anonymous = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        UserCookie = await App.LoggedInClientAsync("user@example.com");
        OperatorCookie = await App.LoggedInClientAsync("ops@example.com");
        // Before the keys: turning two-factor on revokes the keys made until then.
        OperatorTwoFactorKey = await App.EnableTwoFactorAsync("ops@example.com");
        UserKey = await App.KeyClientAsync("user@example.com", ApiKeyScopes.All.ToArray());
        OperatorKey = await App.KeyClientAsync("ops@example.com", ApiKeyScopes.All.ToArray());
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

}

/// <summary>Every operator page and endpoint, for anonymous visitors, ordinary users and operators, checked on the server.</summary>
[Integration]
public class OperatorAuthorizationTests(OperatorAccessFixture access) : IClassFixture<OperatorAccessFixture>
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Pages() =>
    [
        "/operator", "/operator/jobs", "/operator/sweeps", "/operator/withdrawals", "/operator/users", "/operator/users/{user}",
        "/operator/hot-wallet", "/operator/coins", "/operator/audit", "/operator/approvals", "/operator/proofs",
    ];

    public static TheoryData<string, string> Endpoints() => new()
    {
        { "GET", "/operator/audit.csv" },
        { "GET", "/api/v1/operator/overview" },
        { "GET", "/api/v1/operator/withdrawals" },
        { "POST", "/api/v1/operator/withdrawals/1/approve" },
        { "POST", "/api/v1/operator/withdrawals/1/reject" },
        { "POST", "/api/v1/operator/withdrawals/1/resolve" },
        { "POST", "/api/v1/operator/withdrawals/1/retry" },
        { "GET", "/api/v1/operator/users" },
        { "POST", "/api/v1/operator/users/{user}/adjustments" },
        { "PUT", "/api/v1/operator/users/{user}/withdrawal-lock" },
        { "DELETE", "/api/v1/operator/users/{user}/withdrawal-lock" },
        { "GET", "/api/v1/operator/approvals" },
        { "POST", "/api/v1/operator/approvals/1/approve" },
        { "POST", "/api/v1/operator/approvals/1/reject" },
        { "GET", "/api/v1/operator/sweeps" },
        { "GET", "/api/v1/operator/audit" },
    };

    [Theory, MemberData(nameof(Pages))]
    public async Task Anonymous_visitors_are_sent_to_the_login_page(string path)
    {
        var response = await access.Anonymous.GetAsync(Path(path), Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login?ReturnUrl=", response.Headers.Location!.PathAndQuery);
    }

    [Theory, MemberData(nameof(Pages))]
    public async Task Ordinary_users_are_sent_to_the_access_denied_page(string path)
    {
        var response = await access.UserCookie.GetAsync(Path(path), Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
    }

    [Theory, MemberData(nameof(Pages))]
    public async Task Operators_get_the_page(string path)
    {
        var response = await access.OperatorCookie.GetAsync(Path(path), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1", await response.Content.ReadAsStringAsync(Token));
    }

    [Theory, MemberData(nameof(Endpoints))]
    public async Task Endpoints_refuse_anonymous_callers_and_users(string method, string path)
    {
        var fromAnonymous = await SendAsync(access.Anonymous, method, path);
        var fromUser = await SendAsync(IsApi(path) ? access.UserKey : access.UserCookie, method, path);

        if (IsApi(path))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, fromAnonymous.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, fromUser.StatusCode);
        }
        else
        {
            Assert.StartsWith("/Identity/Account/Login", fromAnonymous.Headers.Location?.PathAndQuery);
            Assert.StartsWith("/Identity/Account/AccessDenied", fromUser.Headers.Location?.PathAndQuery);
        }
    }

    [Theory, MemberData(nameof(Endpoints))]
    public async Task Operators_reach_every_endpoint(string method, string path)
    {
        var client = IsApi(path) ? access.OperatorKey : access.OperatorCookie;

        var response = await SendAsync(client, method, path);

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        // Writes without a two-factor code reach the endpoint and are refused there, not by authorization.
        if (response.StatusCode == HttpStatusCode.Forbidden)
            Assert.Equal("Two-factor code needed", (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Token)).GetProperty("title").GetString());
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, $"{method} {path}: {(int)response.StatusCode}");
    }

    private static bool IsApi(string path) => path.StartsWith("/api/", StringComparison.Ordinal);

    private string Path(string path) => path.Replace("{user}", access.UserId, StringComparison.Ordinal);

    private Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), Path(path));
        if (method is "POST" or "PUT")
            request.Content = new StringContent("""{"reason":"Checked","coin":"MIOTA","direction":"Credit","amount":"1"}""", System.Text.Encoding.UTF8, "application/json");
        return client.SendAsync(request, Token);
    }
}
