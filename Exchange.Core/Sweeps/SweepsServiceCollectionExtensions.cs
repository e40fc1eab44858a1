using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Core.Sweeps;

internal static class SweepsServiceCollectionExtensions
{
    /// <summary>Hub's sweeps: followed to their confirmation, and read for the operators.</summary>
    public static IServiceCollection AddSweeps(this IServiceCollection services)
    {
        services.AddSingleton<SweepMonitor>();
        services.AddSingleton<SweepQueries>();
        return services;
    }
}
