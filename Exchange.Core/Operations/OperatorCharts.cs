using Exchange.Core.Data;
using Exchange.Core.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Operations;

/// <summary>One hour of money moving in one coin: deposits credited and withdrawals paid out (confirmed), in base units.</summary>
public sealed record HourlyFlow(DateTime Hour, string Coin, int Deposits, long Deposited, int Withdrawals, long Withdrawn);

/// <summary>A job's failed runs in one hour.</summary>
public sealed record HourlyFailures(DateTime Hour, string Job, int Failed);

/// <summary>One run of a job as a chart point: when it started, how long it took, whether it failed.</summary>
public sealed record JobRunPoint(DateTime StartedAt, TimeSpan Duration, bool Succeeded);

/// <summary>A job's newest runs (oldest first) and its failed runs per hour.</summary>
public sealed record JobRunSeries(string Job, IReadOnlyList<JobRunPoint> Runs, IReadOnlyList<HourlyFailures> FailuresPerHour);

/// <summary>
/// The figures behind the operators' charts, aggregated by the database so that a chart reads a
/// bounded number of rows however busy the exchange is: one row per hour, coin and kind for the
/// money that moved; per job its newest runs and its failures per hour.
/// </summary>
public sealed class OperatorCharts(IDbContextFactory<ExchangeDbContext> contexts, TimeProvider time)
{
    /// <summary>The hours the charts cover, the current one included.</summary>
    public const int Hours = 48;

    /// <summary>The newest runs per job whose durations are drawn.</summary>
    public const int RunsPerJob = 48;

    /// <summary>The first hour the charts cover (UTC, on the hour).</summary>
    public DateTime Since => StartOfHour(time.GetUtcNow().UtcDateTime).AddHours(1 - Hours);

    /// <summary>Only hours with money moving; the chart draws the others as zero.</summary>
    public async Task<IReadOnlyList<HourlyFlow>> FlowsAsync(CancellationToken cancellationToken = default)
    {
        var since = Since;
        await using var db = contexts.CreateDbContext();
        var rows = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.CreatedAt >= since && (e.Kind == LedgerEntryKind.Deposit || e.Kind == LedgerEntryKind.WithdrawalCompleted))
            .GroupBy(e => new { e.Kind, e.Coin, e.CreatedAt.Year, e.CreatedAt.Month, e.CreatedAt.Day, e.CreatedAt.Hour })
            .Select(g => new { g.Key.Kind, g.Key.Coin, g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, Count = g.Count(), Amount = g.Sum(e => e.AvailableChange + e.ReservedChange) })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => (Hour: new DateTime(r.Year, r.Month, r.Day, r.Hour, 0, 0, DateTimeKind.Utc), r.Coin))
            .Select(g =>
            {
                var deposits = g.FirstOrDefault(r => r.Kind == LedgerEntryKind.Deposit);
                var withdrawals = g.FirstOrDefault(r => r.Kind == LedgerEntryKind.WithdrawalCompleted);
                return new HourlyFlow(g.Key.Hour, g.Key.Coin, deposits?.Count ?? 0, Math.Abs(deposits?.Amount ?? 0), withdrawals?.Count ?? 0, Math.Abs(withdrawals?.Amount ?? 0));
            })
            .OrderBy(f => f.Hour).ThenBy(f => f.Coin, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every job that has run, by name.</summary>
    public async Task<IReadOnlyList<JobRunSeries>> JobRunsAsync(CancellationToken cancellationToken = default)
    {
        var since = Since;
        await using var db = contexts.CreateDbContext();
        var failures = (await db.JobRuns.AsNoTracking().Where(r => r.StartedAt >= since && !r.Succeeded)
            .GroupBy(r => new { r.Job, r.StartedAt.Year, r.StartedAt.Month, r.StartedAt.Day, r.StartedAt.Hour })
            .Select(g => new { g.Key.Job, g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, Failed = g.Count() })
            .ToListAsync(cancellationToken))
            .Select(r => new HourlyFailures(new DateTime(r.Year, r.Month, r.Day, r.Hour, 0, 0, DateTimeKind.Utc), r.Job, r.Failed))
            .ToLookup(f => f.Job);
        var series = new List<JobRunSeries>();
        // Every job that has run has a state row (JobStates), a far smaller table than the runs.
        foreach (var job in (await db.JobStates.Select(s => s.Job).ToListAsync(cancellationToken)).Order(StringComparer.Ordinal))
        {
            var runs = await db.JobRuns.AsNoTracking().Where(r => r.Job == job).OrderByDescending(r => r.Id).Take(RunsPerJob)
                .Select(r => new { r.StartedAt, r.FinishedAt, r.Succeeded }).ToListAsync(cancellationToken);
            series.Add(new JobRunSeries(job, runs.AsEnumerable().Reverse().Select(r => new JobRunPoint(r.StartedAt, r.FinishedAt - r.StartedAt, r.Succeeded)).ToList(),
                failures[job].OrderBy(f => f.Hour).ToList()));
        }
        return series;
    }

    public static DateTime StartOfHour(DateTime at) => new(at.Year, at.Month, at.Day, at.Hour, 0, 0, DateTimeKind.Utc);
}
