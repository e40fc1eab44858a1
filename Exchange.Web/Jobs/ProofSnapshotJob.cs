using Exchange.Core.Jobs;
using Exchange.Core.Proofs;
using Quartz;

namespace Exchange.Web.Jobs;

/// <summary>
/// Takes a proof-of-liabilities snapshot when one is due. It looks every
/// <see cref="ProofOfLiabilitiesOptions.CheckInterval"/> rather than firing once per schedule, so
/// that restarts (which start every schedule again) neither skip nor repeat a snapshot.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ProofSnapshotJob(JobRunner runner, ProofSnapshots snapshots) : IJob
{
    public const string Name = "proof-of-liabilities";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runner.RunAsync(Name, snapshots.TakeIfDueAsync, summary => summary, HubJobs.IsForced(context), cancellationToken, HubJobs.Firing(context));

    /// <summary>The job, and its trigger when <paramref name="scheduled"/>.</summary>
    public static void AddTo(IQuartzBuilder quartz, IConfiguration configuration, bool scheduled)
    {
        var options = configuration.GetSection(ProofOfLiabilitiesOptions.Section).Get<ProofOfLiabilitiesOptions>() ?? new ProofOfLiabilitiesOptions();
        var key = new JobKey(Name);
        quartz.AddJob<ProofSnapshotJob>(j => j.WithIdentity(key).StoreDurably().RequestRecovery());
        if (scheduled)
            quartz.AddTrigger(t => t.ForJob(key).WithIdentity($"{Name}-every").StartNow().WithSimpleSchedule(s => s.WithInterval(options.CheckInterval).RepeatForever()));
    }
}
