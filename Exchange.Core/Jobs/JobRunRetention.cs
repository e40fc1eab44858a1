using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Jobs;

/// <summary>
/// Every run is a row, idle or not: about 350,000 a day at the default intervals. Runs older than
/// <see cref="KeptFor"/> are dropped, at most once an hour by each node, in chunks, so that no delete
/// holds the database long. Runs are inserted in time order: the oldest run kept bounds the delete by
/// id, and a prune with nothing to drop reads one row.
/// </summary>
public sealed class JobRunRetention(IDbContextFactory<ExchangeDbContext> contexts)
{
    /// <summary>Longer than anything operators are shown (the charts' 48 hours, the last runs of each job).</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);

    private static readonly TimeSpan Every = TimeSpan.FromHours(1);
    private const int Chunk = 10_000;
    private long nextTicks;

    /// <summary>Drops the runs older than <see cref="KeptFor"/> when this node has not looked within the hour; returns how many.</summary>
    public async Task<int> PruneIfDueAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var next = Interlocked.Read(ref nextTicks);
        if (now.Ticks < next || Interlocked.CompareExchange(ref nextTicks, (now + Every).Ticks, next) != next) return 0;
        await using var db = contexts.CreateDbContext();
        var cutoff = now - KeptFor;
        var firstKept = await db.JobRuns.Where(r => r.StartedAt >= cutoff).OrderBy(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken);
        var old = firstKept is { } id ? db.JobRuns.Where(r => r.Id < id) : db.JobRuns.Where(r => r.StartedAt < cutoff);
        int deleted, total = 0;
        do total += deleted = await old.OrderBy(r => r.Id).Take(Chunk).ExecuteDeleteAsync(cancellationToken);
        while (deleted == Chunk);
        return total;
    }
}
