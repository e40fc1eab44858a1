using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Core.Ledger;

internal static class LedgerServiceCollectionExtensions
{
    /// <summary>The ledger every balance change goes through, its history, a user's balance history and its reconciliation.</summary>
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddSingleton<LedgerService>();
        services.AddSingleton<LedgerHistory>();
        services.AddSingleton<BalanceHistory>();
        services.AddSingleton<Reconciliation>();
        return services;
    }
}
