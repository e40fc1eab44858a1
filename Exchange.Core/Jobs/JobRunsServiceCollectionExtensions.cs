using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Exchange.Core.Jobs;

internal static class JobRunsServiceCollectionExtensions
{
    /// <summary>How a job runs: on the node allowed to (this process, unless the host decides), one run at a time, each run recorded.</summary>
    public static IServiceCollection AddJobRuns(this IServiceCollection services)
    {
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobStates>();
        services.AddSingleton<JobRunRetention>();
        services.AddSingleton<JobLeases>();
        services.TryAddSingleton<IJobsNode, SingleJobsNode>();
        return services;
    }
}
