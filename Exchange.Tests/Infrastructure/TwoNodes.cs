using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Ledger;
using Exchange.Web.LiveUpdates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// Two nodes of the exchange on Kestrel, as behind a load balancer: one PostgreSQL database, one
/// Hub emulator, one Redis. Their jobs are off: a test runs a job on the node it chooses.
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    private readonly string redis;
    private readonly Dictionary<string, string> settings;

    private TwoNodes(TestStore store, EmulatorHost hub, string redis, Dictionary<string, string> settings)
    {
        Store = store;
        Hub = hub;
        this.redis = redis;
        this.settings = settings;
    }

    public TestStore Store { get; }
    public EmulatorHost Hub { get; }
    public ExchangeAppFactory A { get; private set; } = null!;
    public ExchangeAppFactory B { get; private set; } = null!;
    public Uri AddressOfA { get; private set; } = null!;
    public Uri AddressOfB { get; private set; } = null!;

    public static async Task<TwoNodes> StartAsync(string redis, Dictionary<string, string>? settings = null)
    {
        var nodes = new TwoNodes(await TestStore.CreateAsync(TestEngine.PostgreSql), await EmulatorHost.StartAsync(), redis, settings ?? []);
        (nodes.A, nodes.AddressOfA) = nodes.StartNode();
        (nodes.B, nodes.AddressOfB) = nodes.StartNode();
        return nodes;
    }

    /// <summary>Stops node A and starts it again on the same database (on another port).</summary>
    public async Task RestartAAsync()
    {
        await A.DisposeAsync();
        (A, AddressOfA) = StartNode();
    }

    private (ExchangeAppFactory, Uri) StartNode()
    {
        var node = new ExchangeAppFactory { Store = Store, HubUrl = Hub.BaseAddress.ToString(), Settings = new(settings) { ["Events:Redis"] = redis } };
        return (node, node.StartOnKestrel());
    }

    /// <summary>Waits until both nodes hear each other's events, or until both know they cannot.</summary>
    public async Task WaitUntilRedisIsAsync(HealthStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        foreach (var node in (ExchangeAppFactory[])[A, B])
            while (await RedisHealthAsync(node) != status)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the nodes' redis check did not turn {status} within 20 s");
                await Task.Delay(100);
            }
    }

    public static async Task<HealthStatus> RedisHealthAsync(ExchangeAppFactory node)
    {
        var report = await node.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "redis");
        return report.Entries["redis"].Status;
    }

    public static bool IsLive(ExchangeAppFactory node) => node.Services.GetRequiredService<ILiveUpdateStatus>().IsLive;

    /// <summary>
    /// A deposit to a new address of the user, swept by Hub and credited by <paramref name="node"/>'s
    /// balance check; returns the user's available balance after it.
    /// </summary>
    public async Task<long> CreditDepositAsync(ExchangeAppFactory node, string userId, long amount)
    {
        var ledger = node.Services.GetRequiredService<LedgerService>();
        var before = await AvailableAsync(ledger, userId);
        var request = await node.Services.GetRequiredService<DepositAddressService>().RequestAsync(userId);
        Assert.True(request.Succeeded, request.Problem);
        await Hub.DepositAsync(request.Address!.Address, amount);
        await Hub.TickAsync("monitor");
        Hub.Time.Advance(TimeSpan.FromSeconds(1));
        await Hub.TickAsync("sweep");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await AvailableAsync(ledger, userId) != before + amount)
        {
            Assert.True(DateTime.UtcNow < deadline, "the deposit was not credited within 20 s");
            await node.Services.GetRequiredService<BalanceSync>().RunAsync();
        }
        return before + amount;
    }

    private static async Task<long> AvailableAsync(LedgerService ledger, string userId) =>
        (await ledger.AccountsOfAsync(userId)).SingleOrDefault()?.Available ?? 0;

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Hub.DisposeAsync();
        await Store.DisposeAsync();
    }
}
