using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Exchange.Core.HubSync;

internal static class HubSyncServiceCollectionExtensions
{
    /// <summary>Hub synchronisation, which the jobs call: the <c>HubSync</c> settings (validated at start), the balance check, the hot-wallet sweeper, the binding to one Hub.</summary>
    public static IServiceCollection AddHubSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HubSyncOptions>().Bind(configuration.GetSection(HubSyncOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<HubSyncOptions>, HubTimeoutFitsGrace>();
        services.TryAddSingleton<ISyncCheckpoints, NoCheckpoints>();
        services.AddSingleton<BalanceSync>();
        services.AddSingleton<HubBindings>();
        services.AddSingleton<HotWalletSweeper>();
        return services;
    }
}
