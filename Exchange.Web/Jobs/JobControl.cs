using Exchange.Core.Accounts;
using Exchange.Core.Audit;
using Exchange.Core.Events;
using Exchange.Core.Jobs;
using Quartz;

namespace Exchange.Web.Jobs;

/// <summary>A job's schedule as operators see it.</summary>
public sealed record JobSchedule(TimeSpan? Every, DateTimeOffset? NextRun, bool Paused);

/// <summary>
/// What operators can do with the jobs: run one now, pause and resume its schedule; each takes the
/// operator's current two-factor code like every operator write, and is audited. A pause is kept in
/// the database, so it holds on every node and after a restart.
/// </summary>
public sealed class JobControl(ISchedulerFactory schedulers, JobStates states, IJobsNode node, AuditLog audit, IExchangeEvents events, OperatorStepUp stepUp)
{
    /// <summary>Whether this process runs jobs (on SQLite only the lease holder does), in words for the jobs page.</summary>
    public JobsNodeStatus Node => node.Status;

    public async Task<JobSchedule> ScheduleAsync(string job, CancellationToken cancellationToken = default)
    {
        if (await RepeatingTriggerAsync(job, cancellationToken) is not { } trigger) return new JobSchedule(null, null, false);
        var paused = (await states.GetAsync(job, cancellationToken)).Paused;
        return new JobSchedule(trigger.RepeatInterval, paused ? null : trigger.NextFireTimeUtc, paused);
    }

    /// <summary>How often the job is scheduled to run here; null when it runs only when asked.</summary>
    public async Task<TimeSpan?> IntervalAsync(string job, CancellationToken cancellationToken = default) =>
        (await RepeatingTriggerAsync(job, cancellationToken))?.RepeatInterval;

    // "Run now" adds one-off triggers: the schedule is the repeating one.
    private async Task<ISimpleTrigger?> RepeatingTriggerAsync(string job, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return (await scheduler.GetTriggersOfJob(Key(job), cancellationToken)).OfType<ISimpleTrigger>().FirstOrDefault(t => t.RepeatInterval > TimeSpan.Zero);
    }

    public async Task<OperatorResult> RunNowAsync(string job, OperatorCredentials by, CancellationToken cancellationToken = default)
    {
        var key = Key(job);
        if (!node.Status.RunsJobs) throw new InvalidOperationException($"Not run: {node.Status.Description}");
        if (await stepUp.ProblemAsync(by, cancellationToken) is { } problem)
            return OperatorResult.StepUpRefused(problem);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(key, new JobDataMap { [HubJobs.ForceKey] = true }, cancellationToken);
        await audit.RecordAsync(new OperatorAction(by.OperatorId, "Job run now", $"job {job}"), cancellationToken);
        return OperatorResult.Done($"{job} runs now.");
    }

    public Task<OperatorResult> PauseAsync(string job, OperatorCredentials by, CancellationToken cancellationToken = default) =>
        SetPausedAsync(job, by, true, cancellationToken);

    public Task<OperatorResult> ResumeAsync(string job, OperatorCredentials by, CancellationToken cancellationToken = default) =>
        SetPausedAsync(job, by, false, cancellationToken);

    private async Task<OperatorResult> SetPausedAsync(string job, OperatorCredentials by, bool paused, CancellationToken cancellationToken)
    {
        var name = Key(job).Name;
        if (await stepUp.ProblemAsync(by, cancellationToken) is { } problem)
            return OperatorResult.StepUpRefused(problem);
        await states.SetPausedAsync(name, paused, cancellationToken);
        var action = paused ? "Job paused" : "Job resumed";
        await audit.RecordAsync(new OperatorAction(by.OperatorId, action, $"job {job}", paused ? "scheduled" : "paused", paused ? "paused" : "scheduled"), cancellationToken);
        events.Publish(new OperatorActed(action));
        return OperatorResult.Done(paused ? $"{job} is paused." : $"{job} runs on its schedule again.");
    }

    private static JobKey Key(string job) =>
        ScheduledJobs.Names.Contains(job) ? new JobKey(job) : throw new ArgumentException($"Unknown job '{job}'. Jobs: {string.Join(", ", ScheduledJobs.Names)}.", nameof(job));
}
