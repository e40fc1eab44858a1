using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Core.Approvals;

internal static class ApprovalsServiceCollectionExtensions
{
    /// <summary>Operators' requests that wait for a second operator.</summary>
    public static IServiceCollection AddApprovals(this IServiceCollection services)
    {
        services.AddSingleton<OperatorRequests>();
        services.AddSingleton<ApprovalQueue>();
        return services;
    }
}
