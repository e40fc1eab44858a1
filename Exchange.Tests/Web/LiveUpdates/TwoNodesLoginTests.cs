using System.Net;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.LiveUpdates;

/// <summary>Behind a load balancer a user's requests reach either node: a login on one holds on the other, and across a restart.</summary>
[Integration]
public class TwoNodesLoginTests : IAsyncLifetime
{
    private TwoNodes nodes = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        nodes = await TwoNodes.StartAsync(RedisServer.SharedConnectionString());
        await nodes.A.CreateAsync("omar@example.com");
    }

    [Fact]
    public async Task A_login_cookie_from_node_a_is_accepted_by_node_b_and_by_node_a_after_it_restarts()
    {
        var cookie = await LogInAsync(nodes.AddressOfA);

        var onB = await BalancesAsync(nodes.AddressOfB, cookie);
        var withoutCookie = await BalancesAsync(nodes.AddressOfB, cookie: null);
        await nodes.RestartAAsync();
        var onRestartedA = await BalancesAsync(nodes.AddressOfA, cookie);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutCookie);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (onB, onRestartedA));
    }

    private static async Task<HttpStatusCode> BalancesAsync(Uri node, string? cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = node };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/balances");
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        using var answer = await http.SendAsync(request, Token);
        return answer.StatusCode;
    }

    /// <summary>Posts the real login form to <paramref name="node"/> and returns the login cookie it set.</summary>
    private static async Task<string> LogInAsync(Uri node)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = node };
        var form = await http.GetStringAsync("/Identity/Account/Login", Token);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var login = await http.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "omar@example.com", ["Input.Password"] = AccountSteps.Password, ["Input.RememberMe"] = "false", ["__RequestVerificationToken"] = token,
        }), Token);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var identity = cookies.GetCookies(node).Single(c => c.Name == ".AspNetCore.Identity.Application");
        return $"{identity.Name}={identity.Value}";
    }

    public async ValueTask DisposeAsync() => await nodes.DisposeAsync();
}
