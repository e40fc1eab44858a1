using Quartz;

namespace Exchange.Web.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>Quartz in-process with the four Hub jobs; without schedules when Jobs:Enabled is false.</summary>
    public static IServiceCollection AddHubJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section));
        services.AddSingleton<JobControl>();
        services.AddQuartz(q =>
        {
            AddJob<BalanceCheckJob>(q, BalanceCheckJob.Name, options.BalanceCheckInterval, options.Enabled);
            AddJob<HotWalletSweepJob>(q, HotWalletSweepJob.Name, options.HotWalletSweepInterval, options.Enabled);
            AddJob<WithdrawalJob>(q, WithdrawalJob.Name, options.WithdrawalInterval, options.Enabled);
            AddJob<SweepMonitorJob>(q, SweepMonitorJob.Name, options.SweepMonitorInterval, options.Enabled);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    private static void AddJob<T>(IQuartzBuilder q, string name, TimeSpan interval, bool scheduled) where T : IJob
    {
        var key = new JobKey(name);
        q.AddJob<T>(j => j.WithIdentity(key).StoreDurably());
        if (scheduled)
            q.AddTrigger<T>(t => t.ForJob(key).WithIdentity($"{name}-every").StartNow().WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()));
    }
}
