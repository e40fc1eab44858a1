using Exchange.Core.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Core.Monitoring;

public static class ExchangeMetricsServiceCollectionExtensions
{
    /// <summary>The exchange's meter and what feeds it; exporting it is the host's business.</summary>
    public static IServiceCollection AddExchangeMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton(sp =>
        {
            var metrics = new ExchangeMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
            metrics.ReadMoneyWith(() => sp.GetRequiredService<OverviewSnapshot>().ReadAsync());
            return metrics;
        });
        services.AddSingleton<WithdrawalTransitionCounter>();
        return services;
    }
}
