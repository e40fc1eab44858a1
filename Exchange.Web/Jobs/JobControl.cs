using Quartz;

namespace Exchange.Web.Jobs;

/// <summary>What operators can do with the jobs: run one now, pause and resume its schedule.</summary>
public sealed class JobControl(ISchedulerFactory schedulers)
{
    public async Task RunNowAsync(string job, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(Key(job), new JobDataMap { [HubJobs.ForceKey] = true }, cancellationToken);
    }

    public async Task PauseAsync(string job, CancellationToken cancellationToken = default) =>
        await (await schedulers.GetScheduler(cancellationToken)).PauseJob(Key(job), cancellationToken);

    public async Task ResumeAsync(string job, CancellationToken cancellationToken = default) =>
        await (await schedulers.GetScheduler(cancellationToken)).ResumeJob(Key(job), cancellationToken);

    private static JobKey Key(string job) =>
        HubJobs.Names.Contains(job) ? new JobKey(job) : throw new ArgumentException($"Unknown job '{job}'. Jobs: {string.Join(", ", HubJobs.Names)}.", nameof(job));
}
