using Exchange.Core.HubSync;
using Exchange.Core.Proofs;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Core.Proofs;

/// <summary>What Hub reports holding, recorded and signed beside the liabilities.</summary>
public class ProofReservesTests : HubSyncTest
{
    [Fact]
    public async Task Hubs_total_and_the_hot_wallets_balance_are_signed_with_the_snapshot()
    {
        var hotWallet = Exchange.Get<IOptions<HubSyncOptions>>().Value.HotWalletUserId;
        await Hub.CommandAsync(new { command = "CreateUser", userId = hotWallet });
        var address = (await Hub.CommandAsync(new { command = "GetDepositAddress", userId = hotWallet, includeChecksum = "true" })).GetProperty("address").GetString()!;
        await Hub.DepositAsync(address, 42_000);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await Exchange.FundAsync("alice", 1_000);
        var ops = await Exchange.OperatorWithTwoFactorAsync();
        var client = HubClients.For(Hub.BaseAddress, readRetries: 0);

        var taken = await Exchange.Get<ProofSnapshots>().TakeNowAsync(ops.WithCode(), Token);

        Assert.True(taken.Succeeded, taken.Message);
        var report = (await Exchange.Get<ProofQueries>().ReportsAsync(1, Token))[0];
        Assert.Equal(((long?)await client.GetStatsAsync(Token), (long?)42_000), (report.Snapshot.HubTotal, report.Snapshot.HotWallet));
        Assert.Null(report.HubProblem);
        var reserves = ProofManifest.Parse(report.Snapshot.Manifest).Reserves;
        Assert.Equal(("MIOTA", true, (ulong?)report.Snapshot.HubTotal, (ulong?)42_000), (reserves.Coin, reserves.Known, reserves.HubTotal, reserves.HotWallet));
    }
}
