using Exchange.Core.HubSync;
using Exchange.Core.Jobs;
using Exchange.Core.Sweeps;
using Exchange.Core.Withdrawals;
using Quartz;

namespace Exchange.Web.Jobs;

// Thin triggers: each job calls one Core service through the JobRunner, which records the run.
// A manual trigger ("run now") carries Force, so it also runs while the job backs off.

[DisallowConcurrentExecution]
public sealed class BalanceCheckJob(JobRunner runner, BalanceSync sync) : IJob
{
    public const string Name = "balance-check";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runner.RunAsync(Name, sync.RunAsync, HubJobs.IsForced(context), cancellationToken, HubJobs.Firing(context));
}

[DisallowConcurrentExecution]
public sealed class HotWalletSweepJob(JobRunner runner, HotWalletSweeper sweeper) : IJob
{
    public const string Name = "hot-wallet-sweep";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runner.RunAsync(Name, sweeper.RunAsync, HubJobs.IsForced(context), cancellationToken, HubJobs.Firing(context));
}

[DisallowConcurrentExecution]
public sealed class WithdrawalJob(JobRunner runner, WithdrawalProcessor processor) : IJob
{
    public const string Name = "withdrawals";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runner.RunAsync(Name, processor.RunAsync, HubJobs.IsForced(context), cancellationToken, HubJobs.Firing(context));
}

[DisallowConcurrentExecution]
public sealed class SweepMonitorJob(JobRunner runner, SweepMonitor monitor) : IJob
{
    public const string Name = "sweep-monitor";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runner.RunAsync(Name, monitor.RunAsync, HubJobs.IsForced(context), cancellationToken, HubJobs.Firing(context));
}

public static class HubJobs
{
    public const string ForceKey = "force";

    public static readonly string[] Names = [BalanceCheckJob.Name, HotWalletSweepJob.Name, WithdrawalJob.Name, SweepMonitorJob.Name];

    public static bool IsForced(IJobExecutionContext context) => context.MergedJobDataMap.ContainsKey(ForceKey);

    public static JobFiring Firing(IJobExecutionContext context) =>
        new(context.Scheduler.SchedulerInstanceId, (context.ScheduledFireTimeUtc ?? context.FireTimeUtc).UtcDateTime);
}
