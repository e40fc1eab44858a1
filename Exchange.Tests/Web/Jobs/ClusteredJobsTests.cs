using Exchange.Core.Coins;
using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Exchange.Tests.Infrastructure.Cluster;
using Exchange.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Web.Jobs;

/// <summary>Two Exchange.Web processes on one PostgreSQL database and one Hub: Quartz's clustered store shares the jobs out.</summary>
public sealed class ClusteredJobsTests : ClusterTest
{
    [Fact]
    public async Task Every_firing_of_every_job_runs_on_one_node_only_and_both_nodes_take_part()
    {
        await using var a = await ClusterNode.StartAsync(Store, Hub.BaseAddress);
        await using var b = await ClusterNode.StartAsync(Store, Hub.BaseAddress);
        // The second node's start replaces the triggers: count the firings of the schedule both nodes share.
        var since = DateTime.UtcNow.AddSeconds(1);

        await Eventually(async () =>
        {
            await using var db = Open();
            return await db.JobRuns.Select(r => r.Node).Distinct().CountAsync(Token) == 2 && await db.JobRuns.CountAsync(r => r.ScheduledAt > since, Token) >= 30;
        }, "both nodes to run jobs, and 30 runs after both were up");

        await using var check = Open();
        var runs = await check.JobRuns.AsNoTracking().Where(r => r.ScheduledAt > since).ToListAsync(Token);
        foreach (var job in HubJobs.Names)
        {
            var firings = runs.Where(r => r.Job == job).Select(r => r.ScheduledAt!.Value).Order().ToList();
            Assert.NotEmpty(firings);
            // One schedule every second: two nodes each firing it on their own would run it twice a second.
            var apart = firings.Zip(firings.Skip(1), (x, y) => y - x).ToList();
            Assert.True(apart.All(gap => gap >= TimeSpan.FromMilliseconds(990)), $"{job} ran at {string.Join(", ", firings.Select(f => f.ToString("HH:mm:ss.fff")))}");
        }
    }

    [Fact]
    public async Task A_node_killed_inside_a_withdrawal_call_to_Hub_leaves_it_to_the_other_node_which_pays_each_withdrawal_once()
    {
        await FundAsync();
        var nodes = new List<ClusterNode> { await ClusterNode.StartAsync(Store, Hub.BaseAddress, Slow), await ClusterNode.StartAsync(Store, Hub.BaseAddress, Slow) };
        try
        {
            // Hub takes its time over the first UserWithdraw: whichever node sends it is killed while it waits.
            await Hub.ControlAsync("fault", new { kind = "delay", command = "UserWithdraw", delaySeconds = 4, count = 1 });
            var amounts = await RequestWithdrawalsAsync();
            var caller = await ClusterJobs.NodeSubmittingAWithdrawalAsync(Store, nodes);
            await caller.KillAsync();
            nodes.Remove(caller);

            await Eventually(async () =>
            {
                await Hub.TickAsync("sweep");
                await Hub.ConfirmSweepsAsync();
                await using var db = Open();
                return await db.Withdrawals.AllAsync(w => w.State == WithdrawalState.Completed, Token);
            }, "the surviving node to carry every withdrawal to Completed");

            await AssertPaidOnceAndLedgerEqualsHubAsync(amounts);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    // Hub calls may take 6 s before a node gives up on one; a call in doubt is settled after 8 s.
    private static readonly Dictionary<string, string> Slow = new() { ["Hub:TimeoutSeconds"] = "6", ["HubSync:UnknownOutcomeGrace"] = "00:00:08" };

    private async Task FundAsync()
    {
        await using var core = await CoreDatabase.CreateAsync(hub: Hub.BaseAddress, store: Store);
        core.Time.SetUtcNow(DateTimeOffset.UtcNow); // the nodes run on the real clock
        var address = (await core.Get<DepositAddressService>().RequestAsync("alice", Token)).Address!.Address;
        await Hub.DepositAsync(address, 10_000_000);
        for (var i = 0; i < 3; i++)
        {
            await Hub.TickAsync("monitor");
            await Hub.TickAsync("sweep");
            await Hub.ConfirmSweepsAsync();
            await core.Get<BalanceSync>().RunAsync(Token);
            await core.Get<HotWalletSweeper>().RunAsync(Token);
        }
    }

    private async Task<long[]> RequestWithdrawalsAsync()
    {
        await using var core = await CoreDatabase.CreateAsync(hub: Hub.BaseAddress, store: Store);
        core.Time.SetUtcNow(DateTimeOffset.UtcNow);
        var withdrawals = core.Get<UserWithdrawalCommands>();
        foreach (var (amount, to) in new[] { ("1", TestAddresses.Payout), ("2", TestAddresses.OtherPayout) })
            Assert.True((await withdrawals.RequestAsync(new WithdrawalRequest("alice", CoinSymbols.Iota, amount, to), Token)).Succeeded);
        return [1_000_000, 2_000_000];
    }

    private Exchange.Core.Data.ExchangeDbContext Open() => ClusterJobs.Open(Store);

    private static Task Eventually(Func<Task<bool>> condition, string what) => Infrastructure.Cluster.Eventually.TrueAsync(condition, what);
}
