using Exchange.Core.Audit;
using Exchange.Core.Events;
using Quartz;

namespace Exchange.Web.Jobs;

/// <summary>A job's schedule as operators see it.</summary>
public sealed record JobSchedule(TimeSpan? Every, DateTimeOffset? NextRun, bool Paused);

/// <summary>What operators can do with the jobs: run one now, pause and resume its schedule; each is audited.</summary>
public sealed class JobControl(ISchedulerFactory schedulers, AuditLog audit, IExchangeEvents events)
{
    public async Task<JobSchedule> ScheduleAsync(string job, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        // "Run now" adds one-off triggers: the schedule is the repeating one.
        var trigger = (await scheduler.GetTriggersOfJob(Key(job), cancellationToken)).OfType<ISimpleTrigger>().FirstOrDefault(t => t.RepeatInterval > TimeSpan.Zero);
        if (trigger is null) return new JobSchedule(null, null, false);
        var paused = await scheduler.GetTriggerState(trigger.Key, cancellationToken) == TriggerState.Paused;
        return new JobSchedule(trigger.RepeatInterval, paused ? null : trigger.NextFireTimeUtc, paused);
    }

    public async Task RunNowAsync(string job, string operatorId, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(Key(job), new JobDataMap { [HubJobs.ForceKey] = true }, cancellationToken);
        await audit.RecordAsync(new OperatorAction(operatorId, "Job run now", $"job {job}"), cancellationToken);
    }

    public async Task PauseAsync(string job, string operatorId, CancellationToken cancellationToken = default)
    {
        await (await schedulers.GetScheduler(cancellationToken)).PauseJob(Key(job), cancellationToken);
        await audit.RecordAsync(new OperatorAction(operatorId, "Job paused", $"job {job}", "scheduled", "paused"), cancellationToken);
        events.Publish(new OperatorActed("Job paused"));
    }

    public async Task ResumeAsync(string job, string operatorId, CancellationToken cancellationToken = default)
    {
        await (await schedulers.GetScheduler(cancellationToken)).ResumeJob(Key(job), cancellationToken);
        await audit.RecordAsync(new OperatorAction(operatorId, "Job resumed", $"job {job}", "paused", "scheduled"), cancellationToken);
        events.Publish(new OperatorActed("Job resumed"));
    }

    private static JobKey Key(string job) =>
        HubJobs.Names.Contains(job) ? new JobKey(job) : throw new ArgumentException($"Unknown job '{job}'. Jobs: {string.Join(", ", HubJobs.Names)}.", nameof(job));
}
