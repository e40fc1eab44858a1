using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Core.Deposits;

internal static class DepositsServiceCollectionExtensions
{
    /// <summary>Deposit addresses, issued through Hub.</summary>
    public static IServiceCollection AddDeposits(this IServiceCollection services)
    {
        services.AddSingleton<DepositAddressService>();
        return services;
    }
}
