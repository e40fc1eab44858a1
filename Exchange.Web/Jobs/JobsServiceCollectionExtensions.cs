using Exchange.Core.Data;
using Exchange.Core.HubSync;
using Exchange.Core.Jobs;
using Exchange.Web.Notices;
using Quartz;

namespace Exchange.Web.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Quartz with the four Hub jobs (without schedules when Jobs:Enabled is false). On a server
    /// database its store is the database and the nodes form a cluster; on SQLite it keeps the
    /// schedule in memory and a lease in the database lets one process run jobs.
    /// </summary>
    public static IServiceCollection AddHubJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section))
            .Validate(o => o.ClusterCheckinInterval > TimeSpan.Zero, "Jobs:ClusterCheckinInterval must be positive.")
            .Validate(o => o.ClusterCheckinMisfireThreshold > TimeSpan.Zero, "Jobs:ClusterCheckinMisfireThreshold must be positive.")
            .Validate(o => o.SqliteLeaseDuration >= TimeSpan.FromSeconds(1), "Jobs:SqliteLeaseDuration must be at least one second.")
            .ValidateOnStart();
        services.AddSingleton<JobControl>();
        if (configuration[StopAtCheckpoint.Setting] is { Length: > 0 } checkpoint)
            services.AddSingleton<ISyncCheckpoints>(new StopAtCheckpoint(checkpoint));
        AddJobsNode(services, database);
        services.AddQuartz(q =>
        {
            if (database.IsServer) UseClusteredStore(q, database, options);
            AddJob<BalanceCheckJob>(q, BalanceCheckJob.Name, options.BalanceCheckInterval, options.Enabled);
            AddJob<HotWalletSweepJob>(q, HotWalletSweepJob.Name, options.HotWalletSweepInterval, options.Enabled);
            AddJob<WithdrawalJob>(q, WithdrawalJob.Name, options.WithdrawalInterval, options.Enabled);
            AddJob<SweepMonitorJob>(q, SweepMonitorJob.Name, options.SweepMonitorInterval, options.Enabled);
            ProofSnapshotJob.AddTo(q, configuration, options.Enabled);
            q.AddNoticeJobs(configuration, options.Enabled);
            Webhooks.WebhooksJob.AddTo(q, configuration);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    private static void AddJobsNode(IServiceCollection services, DatabaseOptions database)
    {
        if (database.IsServer)
        {
            services.AddSingleton<IJobsNode, ClusteredJobsNode>();
            return;
        }
        // Registered before Quartz's hosted service, so the lease is settled before the first firing.
        services.AddSingleton<SqliteJobsLease>();
        services.AddSingleton<IJobsNode>(sp => sp.GetRequiredService<SqliteJobsLease>());
        services.AddHostedService(sp => sp.GetRequiredService<SqliteJobsLease>());
    }

    // The schema comes from a migration (QuartzSchema), so the store only checks that it is there.
    private static void UseClusteredStore(IQuartzBuilder q, DatabaseOptions database, JobsOptions options)
    {
        q.UsePersistentStore(store =>
        {
            if (database.Provider == DatabaseProvider.PostgreSql) store.UsePostgres(database.ConnectionString!);
            else store.UseSqlServer(database.ConnectionString!);
            store.UseClustering(c =>
            {
                c.CheckinInterval = options.ClusterCheckinInterval;
                c.CheckinMisfireThreshold = options.ClusterCheckinMisfireThreshold;
            });
        });
    }

    private static void AddJob<T>(IQuartzBuilder q, string name, TimeSpan interval, bool scheduled) where T : IJob
    {
        var key = new JobKey(name);
        // A run cut short by a node's death is run again by another node.
        q.AddJob<T>(j => j.WithIdentity(key).StoreDurably().RequestRecovery());
        if (scheduled)
            q.AddTrigger<T>(t => t.ForJob(key).WithIdentity($"{name}-every").StartNow().WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()));
    }
}
