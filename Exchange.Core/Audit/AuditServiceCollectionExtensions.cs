using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Core.Audit;

internal static class AuditServiceCollectionExtensions
{
    /// <summary>The operators' audit log.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        return services;
    }
}
