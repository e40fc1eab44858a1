using System.Net;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.Operator;

/// <summary>With IOTA Hub unreachable, every operator page still renders and says so; nothing shows an error page.</summary>
[Integration]
public class HubDownTests : IAsyncLifetime
{
    private readonly ExchangeAppFactory app = new() { HubUrl = "http://127.0.0.1:9/" };
    private HttpClient operatorCookie = null!;
    private CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.CreateAsync("ops@example.com", isOperator: true);
        operatorCookie = await app.LoggedInClientAsync("ops@example.com");
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Every_operator_page_renders_and_the_overview_and_hot_wallet_say_hub_is_unreachable()
    {
        foreach (var path in new[] { "/operator", "/operator/jobs", "/operator/sweeps", "/operator/withdrawals", "/operator/users", "/operator/hot-wallet", "/operator/coins", "/operator/audit" })
        {
            var response = await operatorCookie.GetAsync(path, Token);
            var html = await response.Content.ReadAsStringAsync(Token);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.DoesNotContain("An error has occurred", html);
            if (path == "/operator") Assert.Contains("IOTA Hub is unreachable", html);
            if (path == "/operator/hot-wallet") Assert.Contains("unknown (IOTA Hub is not reachable)", html);
        }
    }
}
