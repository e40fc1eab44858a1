using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Core.Accounts;

internal static class AccountRulesServiceCollectionExtensions
{
    /// <summary>The rules over users' accounts: the directory, API keys, the operators' step-up, administration and its four eyes.</summary>
    public static IServiceCollection AddAccountRules(this IServiceCollection services)
    {
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<OperatorStepUp>();
        services.AddSingleton<AdjustmentFourEyes>();
        services.AddSingleton<UserAdministration>();
        return services;
    }
}
