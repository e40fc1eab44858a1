using Exchange.Core.Audit;
using Exchange.Core.Events;
using Exchange.Core.Jobs;
using Quartz;

namespace Exchange.Web.Jobs;

/// <summary>A job's schedule as operators see it.</summary>
public sealed record JobSchedule(TimeSpan? Every, DateTimeOffset? NextRun, bool Paused);

/// <summary>
/// What operators can do with the jobs: run one now, pause and resume its schedule; each is audited.
/// A pause is kept in the database, so it holds on every node and after a restart.
/// </summary>
public sealed class JobControl(ISchedulerFactory schedulers, JobStates states, IJobsNode node, AuditLog audit, IExchangeEvents events)
{
    /// <summary>Whether this process runs jobs (on SQLite only the lease holder does), in words for the jobs page.</summary>
    public JobsNodeStatus Node => node.Status;

    public async Task<JobSchedule> ScheduleAsync(string job, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        // "Run now" adds one-off triggers: the schedule is the repeating one.
        var trigger = (await scheduler.GetTriggersOfJob(Key(job), cancellationToken)).OfType<ISimpleTrigger>().FirstOrDefault(t => t.RepeatInterval > TimeSpan.Zero);
        if (trigger is null) return new JobSchedule(null, null, false);
        var paused = (await states.GetAsync(job, cancellationToken)).Paused;
        return new JobSchedule(trigger.RepeatInterval, paused ? null : trigger.NextFireTimeUtc, paused);
    }

    public async Task RunNowAsync(string job, string operatorId, CancellationToken cancellationToken = default)
    {
        var key = Key(job);
        if (!node.Status.RunsJobs) throw new InvalidOperationException($"Not run: {node.Status.Description}");
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(key, new JobDataMap { [HubJobs.ForceKey] = true }, cancellationToken);
        await audit.RecordAsync(new OperatorAction(operatorId, "Job run now", $"job {job}"), cancellationToken);
    }

    public async Task PauseAsync(string job, string operatorId, CancellationToken cancellationToken = default)
    {
        await states.SetPausedAsync(Key(job).Name, true, cancellationToken);
        await audit.RecordAsync(new OperatorAction(operatorId, "Job paused", $"job {job}", "scheduled", "paused"), cancellationToken);
        events.Publish(new OperatorActed("Job paused"));
    }

    public async Task ResumeAsync(string job, string operatorId, CancellationToken cancellationToken = default)
    {
        await states.SetPausedAsync(Key(job).Name, false, cancellationToken);
        await audit.RecordAsync(new OperatorAction(operatorId, "Job resumed", $"job {job}", "paused", "scheduled"), cancellationToken);
        events.Publish(new OperatorActed("Job resumed"));
    }

    private static JobKey Key(string job) =>
        HubJobs.Names.Contains(job) ? new JobKey(job) : throw new ArgumentException($"Unknown job '{job}'. Jobs: {string.Join(", ", HubJobs.Names)}.", nameof(job));
}
