using Exchange.Core.Coins;
using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Operations;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Core.Operations;

/// <summary>
/// A scripted day on the emulator: deposits, Hub's sweeps, moves to the hot wallet, withdrawals and
/// cancellations before and after Hub took them. After every step the overview explains the
/// difference between what users are owed and what Hub holds term by term, and once Hub has swept
/// and confirmed everything the terms in motion are zero and Hub's total equals the liabilities.
/// </summary>
public class ReconciliationScriptTests : HubSyncTest
{
    private const long M = 1_000_000;

    private async Task<MoneyPosition> PositionAsync()
    {
        var position = (await Exchange.Get<OperatorOverview>().LoadAsync(Token)).Iota!;
        Assert.Equal(0, position.Difference);
        return position;
    }

    private async Task DepositAsync(string user, long amount)
    {
        var address = (await Exchange.Get<DepositAddressService>().RequestAsync(user, Token)).Address!.Address;
        await Hub.DepositAsync(address, amount);
    }

    private async Task<long> WithdrawAsync(string user, long amount)
    {
        var result = await Exchange.Get<UserWithdrawalCommands>().RequestAsync(
            new WithdrawalRequest(user, CoinSymbols.Iota, (amount / (decimal)M).ToString(System.Globalization.CultureInfo.InvariantCulture), TestAddresses.Payout), Token);
        Assert.True(result.Succeeded, string.Join(" ", result.Problems.Select(p => p.Message)));
        return result.Withdrawal!.Id;
    }

    private Task SyncAsync() => Exchange.Get<BalanceSync>().RunAsync(Token);

    [Fact]
    public async Task Every_step_of_a_scripted_day_is_explained_term_by_term_and_nothing_is_left_once_hub_has_swept_everything()
    {
        await DepositAsync("alice", 30 * M);
        await DepositAsync("bob", 20 * M);
        await DepositAsync("carol", 5 * M);
        await Hub.TickAsync("monitor");
        await SyncAsync();
        Assert.Equal(new MoneyPosition(0, 0, 0, 0, 0, 0), await PositionAsync()); // seen on the Tangle, owed to no one yet

        await Hub.TickAsync("sweep");
        await SyncAsync();
        Assert.Equal(new MoneyPosition(55 * M, 0, 55 * M, 0, 0, 0), await PositionAsync()); // credited, still in the users' Hub accounts

        await Exchange.Get<HotWalletSweeper>().RunAsync(Token);
        await Hub.ConfirmSweepsAsync();
        Assert.Equal(new MoneyPosition(55 * M, 55 * M, 0, 0, 0, 0), await PositionAsync());

        var alices = await WithdrawAsync("alice", 10 * M);
        var bobs = await WithdrawAsync("bob", 5 * M);
        Assert.True((await Exchange.Get<WithdrawalCancellation>().CancelAsync(bobs, "bob", Token)).Succeeded); // before Hub saw it
        var carols = await WithdrawAsync("carol", 3 * M);
        await Exchange.Get<WithdrawalProcessor>().RunAsync(Token);
        Assert.Equal(new MoneyPosition(55 * M, 42 * M, 0, 13 * M, 0, 0), await PositionAsync()); // Hub took 13 from the hot wallet

        Assert.True((await Exchange.Get<WithdrawalCancellation>().CancelAsync(carols, "carol", Token)).Succeeded); // Hub gives it back
        await DepositAsync("dave", 7 * M);
        await Hub.TickAsync("monitor");
        await SyncAsync();
        Assert.Equal(new MoneyPosition(55 * M, 45 * M, 0, 10 * M, 0, 0), await PositionAsync());

        await Hub.TickAsync("sweep"); // pays Alice and sweeps Dave's deposit
        await SyncAsync();
        await Exchange.Get<WithdrawalProcessor>().RunAsync(Token);
        Assert.Equal(new MoneyPosition(62 * M, 45 * M, 7 * M, 10 * M, 0, 0), await PositionAsync());

        await Exchange.Get<HotWalletSweeper>().RunAsync(Token);
        await Hub.ConfirmSweepsAsync();
        await Exchange.Get<WithdrawalProcessor>().RunAsync(Token);
        var settled = await PositionAsync();

        Assert.Equal(new MoneyPosition(52 * M, 52 * M, 0, 0, 0, 0), settled);
        Assert.Equal(settled.Liabilities, (await Exchange.Get<OperatorOverview>().LoadAsync(Token)).Hub.TotalBalance);
        Assert.Equal(WithdrawalState.Completed, (await Exchange.Get<WithdrawalQueries>().FindAsync(alices, Token))!.State);
    }
}
