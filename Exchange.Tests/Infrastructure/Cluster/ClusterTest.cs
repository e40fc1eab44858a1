using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Hub.Client;

namespace Exchange.Tests.Infrastructure.Cluster;

/// <summary>A test of several <see cref="ClusterNode"/>s: one Hub emulator and one PostgreSQL store they all share.</summary>
[Integration]
public abstract class ClusterTest : IAsyncLifetime
{
    protected EmulatorHost Hub { get; private set; } = null!;
    protected TestStore Store { get; private set; } = null!;
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Hub = await EmulatorHost.StartAsync();
        Store = await TestStore.CreateAsync(TestEngine.PostgreSql);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await Hub.DisposeAsync();
    }

    /// <summary>Hub paid out exactly <paramref name="amounts"/> from the hot wallet, each once, and the exchange's ledger is what Hub holds.</summary>
    protected async Task AssertPaidOnceAndLedgerEqualsHubAsync(IEnumerable<long> amounts)
    {
        var client = HubClients.For(Hub.BaseAddress);
        var paid = (await client.GetUserHistoryAsync("user-hot-wallet", 0, Token)).Where(e => e.Reason == UserHistoryReason.Withdrawal).Select(e => -e.Amount).Order();
        Assert.Equal(amounts.Order(), paid);
        await using var core = await CoreDatabase.CreateAsync(hub: Hub.BaseAddress, store: Store);
        var report = await core.Get<Reconciliation>().RunAsync(Token);
        Assert.True(report.IsBalanced);
        Assert.Equal(await client.GetStatsAsync(Token), report.LiabilityIn(CoinSymbols.Iota));
    }
}
