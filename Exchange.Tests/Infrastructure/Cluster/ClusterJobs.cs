using Exchange.Core.Data;
using Exchange.Core.Withdrawals;
using Exchange.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Infrastructure.Cluster;

/// <summary>What the nodes of a cluster are doing, read from their shared PostgreSQL database.</summary>
public static class ClusterJobs
{
    public static PostgreSqlExchangeDbContext Open(TestStore store) =>
        new(new DbContextOptionsBuilder<PostgreSqlExchangeDbContext>().UseNpgsql(store.ConnectionString).Options);

    /// <summary>
    /// The node inside a call to Hub for a withdrawal (one is Submitting): the one whose scheduler
    /// holds the executing withdrawal firing in Quartz's table, named in its log.
    /// </summary>
    public static async Task<ClusterNode> NodeSubmittingAWithdrawalAsync(TestStore store, IReadOnlyList<ClusterNode> nodes)
    {
        string? instance = null, seen = null;
        await Eventually.TrueAsync(async () =>
        {
            await using var db = Open(store);
            seen = string.Join(", ", await db.Withdrawals.Select(w => w.State.ToString()).ToListAsync()) + " / " + string.Join(", ",
                await db.Database.SqlQueryRaw<string>("SELECT job_name || ':' || state AS \"Value\" FROM qrtz_fired_triggers").ToListAsync());
            if (!await db.Withdrawals.AnyAsync(w => w.State == WithdrawalState.Submitting)) return false;
            instance = await db.Database.SqlQueryRaw<string>(
                    "SELECT instance_name AS \"Value\" FROM qrtz_fired_triggers WHERE job_name = {0} AND state = 'EXECUTING'", WithdrawalJob.Name)
                .FirstOrDefaultAsync();
            return instance is not null;
        }, () => $"a node to send a withdrawal to Hub (seen: {seen})");
        var named = nodes.Where(n => n.Output.Any(line => line.Contains(instance!, StringComparison.Ordinal))).ToList();
        Assert.True(named.Count == 1, $"one node's log names the scheduler {instance}, not {named.Count}; their first lines: " +
            string.Join(" | ", nodes.Select(n => string.Join(" / ", n.Output.Take(12)))));
        return named[0];
    }
}

/// <summary>Polls a condition until it holds, failing the test with what it waited for after a deadline.</summary>
public static class Eventually
{
    public static Task TrueAsync(Func<Task<bool>> condition, string what, int seconds = 60) => TrueAsync(condition, () => what, seconds);

    public static async Task TrueAsync(Func<Task<bool>> condition, Func<string> what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited {seconds} s for {what()}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
