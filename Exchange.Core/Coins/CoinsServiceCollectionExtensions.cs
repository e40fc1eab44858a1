using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Core.Coins;

internal static class CoinsServiceCollectionExtensions
{
    /// <summary>The coins and their rules, the operators' changes to them, and balances per coin.</summary>
    public static IServiceCollection AddCoins(this IServiceCollection services)
    {
        services.AddSingleton<CoinCatalogue>();
        services.AddSingleton<CoinSettings>();
        services.AddSingleton<BalanceQueries>();
        return services;
    }
}
