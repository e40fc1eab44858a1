using System.Collections.Concurrent;
using System.Diagnostics;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Core.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Exchange.Core.Jobs;

public enum JobOutcome
{
    Succeeded,
    Failed,
    /// <summary>Not run: the job is backing off after failures.</summary>
    BackingOff,
}

/// <summary>
/// Runs a job's work, records the run and announces it. A failure is recorded and logged, not
/// thrown: the next tick tries again, after a pause that doubles with each failure in a row.
/// </summary>
public sealed class JobRunner(IDbContextFactory<ExchangeDbContext> contexts, IExchangeEvents events, TimeProvider time, ILogger<JobRunner> logger,
    ExchangeMetrics metrics)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (int Failures, DateTime RetryAt)> backoff = new();

    public async Task<JobOutcome> RunAsync<T>(string job, Func<CancellationToken, Task<T>> work, Func<T, string> summarize, bool force, CancellationToken cancellationToken)
    {
        var started = Now;
        if (!force && backoff.TryGetValue(job, out var state) && started < state.RetryAt)
            return JobOutcome.BackingOff;

        var run = new JobRun { Job = job, StartedAt = started };
        // Every line logged during the run (the Hub client's, the services') carries the job and this run's id.
        using var scope = logger.BeginScope("Job {Job} run {RunId}", job, Guid.NewGuid().ToString("N")[..12]);
        var clock = Stopwatch.GetTimestamp();
        try
        {
            run.Summary = summarize(await work(cancellationToken));
            run.Succeeded = true;
            backoff.TryRemove(job, out _);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            run.Error = Limits.Fit(e.Message, Limits.JobError);
            run.Summary = "failed";
            var failures = backoff.TryGetValue(job, out var previous) ? previous.Failures + 1 : 1;
            var pause = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, failures)));
            backoff[job] = (failures, Now + pause);
            logger.LogWarning(e, "Job {Job} failed ({Failures} in a row); next try after {Pause}", job, failures, pause);
        }
        run.FinishedAt = Now;
        metrics.JobRan(job, run.Succeeded ? JobOutcome.Succeeded : JobOutcome.Failed, Stopwatch.GetElapsedTime(clock));
        await RecordAsync(run);
        events.Publish(new JobRan(job, run.Succeeded, run.Error ?? run.Summary));
        return run.Succeeded ? JobOutcome.Succeeded : JobOutcome.Failed;
    }

    public async Task<IReadOnlyList<JobRun>> RecentAsync(string job, int count, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.JobRuns.AsNoTracking().Where(r => r.Job == job).OrderByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken);
    }

    private async Task RecordAsync(JobRun run)
    {
        try
        {
            await using var db = contexts.CreateDbContext();
            db.JobRuns.Add(run);
            await db.SaveChangesAsync();
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not record a run of {Job}", run.Job);
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
