using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.LiveUpdates;

/// <summary>
/// Two nodes behind one load balancer: a user's page is connected to one node while a job on the
/// other credits the deposit. Redis carries the event; without Redis the page refreshes on a timer.
/// </summary>
[Browser]
public class TwoNodesBrowserTests(Browser browser) : IAsyncLifetime
{
    private const string Email = "nina@example.com";
    private const string Available = "td[data-coin='MIOTA'] ~ td[data-field='available']";
    private readonly List<IBrowserContext> contexts = [];
    private TwoNodes nodes = null!;
    private RedisServer? ownRedis;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    private async Task StartAsync(string redis, Dictionary<string, string>? settings = null)
    {
        nodes = await TwoNodes.StartAsync(redis, settings);
        await nodes.A.CreateAsync(Email);
    }

    private async Task<IPage> DashboardOnBAsync()
    {
        var page = await browser.NewPageAsync(nodes.AddressOfB);
        contexts.Add(page.Context);
        await page.LogInAsync(Email);
        await Assertions.Expect(page.Locator(Available)).ToHaveTextAsync("0 MIOTA");
        return page;
    }

    [Fact]
    public async Task A_deposit_credited_by_node_a_shows_live_on_a_dashboard_connected_to_node_b()
    {
        await StartAsync(RedisServer.SharedConnectionString());
        var page = await DashboardOnBAsync();
        await nodes.WaitUntilRedisIsAsync(HealthStatus.Healthy);

        await nodes.CreditDepositAsync(nodes.A, await nodes.A.UserIdAsync(Email), 12_500_000);

        await Assertions.Expect(page.Locator(Available)).ToHaveTextAsync("12.5 MIOTA");
    }

    [Fact]
    public async Task With_redis_down_both_nodes_credit_pages_refresh_and_the_check_is_degraded_then_live_updates_resume()
    {
        ownRedis = await RedisServer.StartAsync();
        // A page would otherwise show the outage's credits only after the default 5 s.
        await StartAsync(ownRedis.ConnectionString, new() { ["Events:FallbackRefresh"] = "00:00:01" });
        var userId = await nodes.A.UserIdAsync(Email);
        var page = await DashboardOnBAsync();
        await nodes.WaitUntilRedisIsAsync(HealthStatus.Healthy);

        await ownRedis.KillAsync();
        await nodes.WaitUntilRedisIsAsync(HealthStatus.Degraded);
        await nodes.CreditDepositAsync(nodes.A, userId, 1_000_000);
        await Assertions.Expect(page.Locator(Available)).ToHaveTextAsync("1 MIOTA");
        await nodes.CreditDepositAsync(nodes.B, userId, 2_000_000);
        await Assertions.Expect(page.Locator(Available)).ToHaveTextAsync("3 MIOTA");

        await ownRedis.RestartAsync();
        await nodes.WaitUntilRedisIsAsync(HealthStatus.Healthy);
        Assert.True(TwoNodes.IsLive(nodes.B), "node B refreshes on its timer no more once Redis is back");
        await nodes.CreditDepositAsync(nodes.A, userId, 4_000_000);
        await Assertions.Expect(page.Locator(Available)).ToHaveTextAsync("7 MIOTA");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in contexts) await context.CloseAsync();
        if (nodes is not null) await nodes.DisposeAsync();
        if (ownRedis is not null) await ownRedis.DisposeAsync();
    }
}
