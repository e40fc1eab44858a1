using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Core.Operations;

internal static class OperationsServiceCollectionExtensions
{
    /// <summary>The operators' <c>Operator</c> settings (validated at start) their overview of the exchange's money and its charts.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(OperatorOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.StuckWithdrawalAge > TimeSpan.Zero, "Operator:StuckWithdrawalAge must be positive.")
            .Validate(o => o.OverviewRefresh > TimeSpan.Zero, "Operator:OverviewRefresh must be positive.")
            .Validate(o => o.FourEyesAboveUsd >= 0, "Operator:FourEyesAboveUsd must not be negative.")
            .Validate(o => o.ManualCreditWithdrawalReview > TimeSpan.Zero, "Operator:ManualCreditWithdrawalReview must be positive.")
            .ValidateOnStart();
        services.AddSingleton<OperatorOverview>();
        services.AddSingleton<OverviewSnapshot>();
        services.AddSingleton<OperatorCharts>();
        return services;
    }
}
