using System.Diagnostics;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Core.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Exchange.Core.Jobs;

/// <summary>Which node ran a firing of the schedule, and the time it was scheduled for (UTC).</summary>
public sealed record JobFiring(string Node, DateTime ScheduledAt);

public enum JobOutcome
{
    Succeeded,
    Failed,
    /// <summary>Not run: the job is backing off after failures.</summary>
    BackingOff,
    /// <summary>Not run: an operator paused it.</summary>
    Paused,
    /// <summary>Not run: another process runs the jobs on this database.</summary>
    NotThisNode,
}

/// <summary>
/// Runs a job's work, records the run and announces it. A failure is recorded and logged, not
/// thrown: the next tick tries again, after a pause that doubles with each failure in a row. The
/// pause and an operator's pause are read from the database (<see cref="JobStates"/>), so every
/// node and every restart sees the same; a forced run ("run now") ignores both.
/// </summary>
public sealed class JobRunner(IDbContextFactory<ExchangeDbContext> contexts, JobStates states, IJobsNode node, IExchangeEvents events, TimeProvider time,
    ILogger<JobRunner> logger, ExchangeMetrics metrics, JobRunRetention retention)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    /// <summary>Runs a job whose result says what it did: a run that did something is logged, one line with its summary.</summary>
    public Task<JobOutcome> RunAsync<T>(string job, Func<CancellationToken, Task<T>> work, bool force, CancellationToken cancellationToken, JobFiring? firing = null)
        where T : IJobResult =>
        RunAsync(job, work, r => r.Summary, force, cancellationToken, firing, r => r.DidWork);

    /// <summary>Runs <paramref name="work"/>; a successful run is logged only when <paramref name="didWork"/> says it did something.</summary>
    public async Task<JobOutcome> RunAsync<T>(string job, Func<CancellationToken, Task<T>> work, Func<T, string> summarize, bool force, CancellationToken cancellationToken,
        JobFiring? firing = null, Func<T, bool>? didWork = null)
    {
        if (!node.Status.RunsJobs) return JobOutcome.NotThisNode;
        var state = await states.GetAsync(job, cancellationToken);
        if (!force && state.Paused) return JobOutcome.Paused;
        var started = Now;
        if (!force && started < state.RetryAt) return JobOutcome.BackingOff;

        var run = new JobRun { Job = job, StartedAt = started, Node = firing?.Node, ScheduledAt = firing?.ScheduledAt };
        // Every line logged during the run (the Hub client's, the services') carries the job and this run's id.
        using var scope = logger.BeginScope("Job {Job} run {RunId}", job, Guid.NewGuid().ToString("N")[..12]);
        var clock = Stopwatch.GetTimestamp();
        try
        {
            var result = await work(cancellationToken);
            run.Summary = summarize(result);
            run.Succeeded = true;
            if (didWork?.Invoke(result) == true) logger.LogInformation("Job {Job}: {Summary}", job, run.Summary);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            run.Error = Limits.Fit(e.Message, Limits.JobError);
            run.Summary = "failed";
            logger.LogWarning(e, "Job {Job} failed ({Failures} in a row)", job, state.Failures + 1);
        }
        run.FinishedAt = Now;
        metrics.JobRan(job, run.Succeeded ? JobOutcome.Succeeded : JobOutcome.Failed, Stopwatch.GetElapsedTime(clock));
        await RememberOutcomeAsync(job, run.Succeeded);
        await RecordAsync(run);
        events.Publish(new JobRan(job, run.Succeeded, run.Error ?? run.Summary));
        return run.Succeeded ? JobOutcome.Succeeded : JobOutcome.Failed;
    }

    public async Task<IReadOnlyList<JobRun>> RecentAsync(string job, int count, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.JobRuns.AsNoTracking().Where(r => r.Job == job).OrderByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken);
    }

    private async Task RememberOutcomeAsync(string job, bool succeeded)
    {
        try
        {
            await states.ChangeAsync(job, s =>
            {
                s.Failures = succeeded ? 0 : s.Failures + 1;
                s.RetryAt = succeeded ? null : Now + Backoff(s.Failures);
            });
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not record the back-off of {Job}", job);
        }
    }

    private static TimeSpan Backoff(int failures) => TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, failures)));

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
        try
        {
            await retention.PruneIfDueAsync(run.FinishedAt);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not drop the job runs older than {Days} days; the next hour tries again", JobRunRetention.KeptFor.TotalDays);
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
