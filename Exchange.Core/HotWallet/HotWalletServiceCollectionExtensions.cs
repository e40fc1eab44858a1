using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Core.HotWallet;

internal static class HotWalletServiceCollectionExtensions
{
    /// <summary>The hot wallet: its transfers to and from cold storage, and the cold-storage addresses allowed.</summary>
    public static IServiceCollection AddHotWallet(this IServiceCollection services)
    {
        services.AddSingleton<HotWalletService>();
        services.AddSingleton<ColdStorageAllowList>();
        return services;
    }
}
