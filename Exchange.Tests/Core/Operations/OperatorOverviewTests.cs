using Exchange.Core.Coins;
using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Operations;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Core.Operations;

/// <summary>The overview's money position adds up at every stage of a deposit and a withdrawal.</summary>
public class OperatorOverviewTests : HubSyncTest
{
    private OperatorOverview Overview => Exchange.Get<OperatorOverview>();

    [Fact]
    public async Task Every_iota_is_accounted_for_while_money_moves_and_hub_trouble_is_an_alert()
    {
        var address = (await Exchange.Get<DepositAddressService>().RequestAsync("alice", Token)).Address!.Address;
        await Hub.DepositAsync(address, 10_000_000);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await Exchange.Get<BalanceSync>().RunAsync(Token);
        var credited = (await Overview.LoadAsync(Token)).Iota!;

        await Exchange.Get<HotWalletSweeper>().RunAsync(Token);
        await Hub.ConfirmSweepsAsync();
        var moved = (await Overview.LoadAsync(Token)).Iota!;

        await Exchange.Get<UserWithdrawalCommands>().RequestAsync(new WithdrawalRequest("alice", CoinSymbols.Iota, "4", TestAddresses.Payout), Token);
        await Exchange.Get<WithdrawalProcessor>().RunAsync(Token);
        var paying = (await Overview.LoadAsync(Token)).Iota!;

        await Hub.ControlAsync("fault", new { kind = "http500", count = 10 });
        var down = await Overview.LoadAsync(Token);

        Assert.Equal(new MoneyPosition(10_000_000, 0, 10_000_000, 0, 0, 0), credited);
        Assert.Equal(new MoneyPosition(10_000_000, 10_000_000, 0, 0, 0, 0), moved);
        Assert.Equal(new MoneyPosition(10_000_000, 6_000_000, 0, 4_000_000, 0, 0), paying);
        Assert.All([credited, moved, paying], p => Assert.Equal(0, p.Difference));
        Assert.False(down.Hub.Reachable);
        Assert.Null(down.Iota);
        Assert.Contains(down.Alerts, a => a.StartsWith("IOTA Hub is unreachable", StringComparison.Ordinal));
    }
}
