using System.Diagnostics;
using System.Globalization;
using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Withdrawals;
using Exchange.Hub;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;
using Exchange.Tests.Infrastructure.Cluster;
using Exchange.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Exchange.Tests.Web.Production;

/// <summary>
/// The production shape with a node stalled inside a payout: two Exchange.Web processes on one
/// PostgreSQL database and one Hub. The node about to call UserWithdraw is stopped there with
/// SIGSTOP (a long GC pause or a paused VM looks the same to the others) past the grace period; the
/// other node judges the call unknown, finds nothing in Hub's history and sends the withdrawal
/// again; then the stopped node is continued. Hub pays once, and the ledger is what Hub holds.
/// </summary>
public sealed class StalledNodeTests : ClusterTest
{
    // Short, to keep the test quick: a call in doubt is judged after 5 s; a call starts by 2 s after it was marked.
    private static readonly Dictionary<string, string> Quick = new() { ["Hub:TimeoutSeconds"] = "2", ["HubSync:UnknownOutcomeGrace"] = "00:00:05" };

    [Fact]
    public async Task A_node_stopped_past_the_grace_before_its_call_to_hub_goes_on_after_the_other_node_sent_the_withdrawal_again_and_hub_pays_once()
    {
        var stopping = await ClusterNode.StartAsync(Store, Hub.BaseAddress, new Dictionary<string, string>(Quick)
        {
            [StopAtCheckpoint.Setting] = Checkpoints.WithdrawalBegun,
            // Stopped in the middle of another job's transaction, its locks would hold up the other node for good.
            ["Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(Store.ConnectionString) { Options = "-c idle_in_transaction_session_timeout=5000" }.ConnectionString,
        });
        var nodes = new List<ClusterNode> { stopping };
        try
        {
            var id = await FundAndWithdrawAsync();
            await stopping.WaitForLogAsync($"Checkpoint {Checkpoints.WithdrawalBegun} reached", TimeSpan.FromSeconds(60));
            await Eventually.TrueAsync(() => Task.FromResult(ProcessState(stopping) == "T"), "the node to be stopped, right before its call to Hub");

            var otherStarted = DateTime.UtcNow;
            nodes.Add(await ClusterNode.StartAsync(Store, Hub.BaseAddress, Quick));
            // Only the other node can have sent it: the stopped one never reached its call.
            await Eventually.TrueAsync(async () => (await WithdrawalAsync(id)).State == WithdrawalState.Submitted,
                "the other node to judge the stopped call unknown and send the withdrawal again", seconds: 90);
            var runsBefore = await RunsStartedBeforeAsync(otherStarted);
            Signal(stopping, "CONT");
            await Eventually.TrueAsync(async () => await RunsStartedBeforeAsync(otherStarted) > runsBefore, "the continued node to finish the run it was stopped in");

            await Eventually.TrueAsync(async () =>
            {
                await TickHubAsync();
                return (await WithdrawalAsync(id)).State == WithdrawalState.Completed;
            }, "the withdrawal to be swept and confirmed", seconds: 90);
            await AssertPaidOnceAndLedgerEqualsHubAsync([1_000_000]);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    /// <summary>Hana's deposit reaches the hot wallet through the running node's jobs; then she withdraws 1 MIOTA. Returns its id.</summary>
    private async Task<long> FundAndWithdrawAsync()
    {
        await using var core = await CoreDatabase.CreateAsync(hub: Hub.BaseAddress, store: Store);
        core.Time.SetUtcNow(DateTimeOffset.UtcNow);
        await core.AddUserAsync("hana", "hana@example.com");
        var address = (await core.Get<DepositAddressService>().RequestAsync("hana", Token)).Address!.Address;
        await Hub.DepositAsync(address, 10_000_000);
        await Eventually.TrueAsync(async () =>
        {
            await TickHubAsync();
            return await HotWalletAsync() == 10_000_000;
        }, "the deposit to be credited and moved to the hot wallet");
        return await core.RequestWithdrawalAsync("hana", "1");
    }

    /// <summary>What the hot wallet holds in Hub; 0 until the node creates it there.</summary>
    private async Task<long> HotWalletAsync()
    {
        try
        {
            return await HubClients.For(Hub.BaseAddress).GetBalanceAsync("user-hot-wallet", Token);
        }
        catch (HubCommandException e) when (e.Error == HubError.UserDoesNotExist)
        {
            return 0;
        }
    }

    private async Task TickHubAsync()
    {
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await Hub.ConfirmSweepsAsync();
    }

    private async Task<Withdrawal> WithdrawalAsync(long id)
    {
        await using var db = ClusterJobs.Open(Store);
        return await db.Withdrawals.AsNoTracking().SingleAsync(w => w.Id == id, Token);
    }

    // A run is recorded when it ends; the other node's all started after it did.
    private async Task<int> RunsStartedBeforeAsync(DateTime at)
    {
        await using var db = ClusterJobs.Open(Store);
        return await db.JobRuns.CountAsync(r => r.Job == WithdrawalJob.Name && r.StartedAt < at, Token);
    }

    private static void Signal(ClusterNode node, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", node.ProcessId.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    // The third field of /proc/<pid>/stat: T while stopped by a signal.
    private static string ProcessState(ClusterNode node)
    {
        var stat = File.ReadAllText($"/proc/{node.ProcessId}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
    }
}
