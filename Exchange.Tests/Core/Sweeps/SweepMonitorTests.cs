using Exchange.Core.Deposits;
using Exchange.Core.Events;
using Exchange.Core.Sweeps;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Core.Sweeps;

public class SweepMonitorTests : HubSyncTest
{

    [Fact]
    public async Task Hubs_sweeps_appear_once_and_turn_confirmed_with_their_tails()
    {
        var monitor = Exchange.Get<SweepMonitor>();
        var address = (await Exchange.Get<DepositAddressService>().RequestAsync("alice", Token)).Address!.Address;
        await Hub.DepositAsync(address, 1_000);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        var changed = Exchange.Get<IExchangeEvents>().WaitNextAsync<SweepChanged>(_ => true, Token);

        var first = await monitor.RunAsync(Token);
        var seen = Assert.Single(await monitor.RecentAsync(10, Token));
        await Hub.TickAsync("attachment");
        Hub.Time.Advance(TimeSpan.FromMinutes(1));
        await Hub.TickAsync("attachment");
        var second = await monitor.RunAsync(Token);
        var confirmed = Assert.Single(await monitor.RecentAsync(10, Token));

        Assert.Equal(1, first.NewSweeps);
        Assert.Equal(seen.BundleHash, (await changed.WaitAsync(TimeSpan.FromSeconds(5), Token)).BundleHash);
        Assert.False(seen.Confirmed);
        Assert.Equal(3, seen.Transactions);
        Assert.Equal((0, 1), (second.NewSweeps, second.Changed));
        Assert.True(confirmed.Confirmed);
        Assert.Equal(1, confirmed.Tails);
    }
}

public sealed class SweepMonitorOnPostgreSqlTests : SweepMonitorTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
