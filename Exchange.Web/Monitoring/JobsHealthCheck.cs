using Exchange.Core.Data;
using Exchange.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Monitoring;

/// <summary>
/// Every job of <see cref="ScheduledJobs"/> that has a schedule here started a run within
/// <see cref="HealthOptions.JobStaleAfterIntervals"/> of its interval, as the scheduler has it. Runs
/// are read from the database, so on several nodes this is the cluster's view. A job that never ran
/// counts from when this check first looked. One instance for the app's life.
/// </summary>
public sealed class JobsHealthCheck(IDbContextFactory<ExchangeDbContext> contexts, JobControl jobs, IOptions<HealthOptions> health, TimeProvider time)
    : IHealthCheck
{
    private readonly DateTime firstLooked = time.GetUtcNow().UtcDateTime;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var intervals = health.Value.JobStaleAfterIntervals;
        var stale = new List<string>();
        await using var db = contexts.CreateDbContext();
        foreach (var job in ScheduledJobs.Names)
        {
            if (await jobs.IntervalAsync(job, cancellationToken) is not { } interval) continue;
            var last = await db.JobRuns.Where(r => r.Job == job).OrderByDescending(r => r.Id).Select(r => (DateTime?)r.StartedAt).FirstOrDefaultAsync(cancellationToken);
            if (now - (last ?? firstLooked) <= interval * intervals) continue;
            stale.Add(last is { } at ? $"{job} last ran {Describe(now - at)} ago (every {Describe(interval)})" : $"{job} has not run (every {Describe(interval)})");
        }
        return stale.Count == 0
            ? HealthCheckResult.Healthy($"Every job ran within {intervals} of its intervals.")
            : new HealthCheckResult(context.Registration.FailureStatus, $"Stale: {string.Join("; ", stale)}.");
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#} h" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0.#} s";
}
