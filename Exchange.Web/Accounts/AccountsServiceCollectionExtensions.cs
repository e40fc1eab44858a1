using Exchange.Core.Data;

namespace Exchange.Web.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>The accounts around Identity: two-factor secrets encrypted at rest. Call after Identity is added.</summary>
    public static IServiceCollection AddExchangeAccounts(this IServiceCollection services)
    {
        services.AddSingleton<TwoFactorSecrets>();
        services.AddSingleton<IDataUpgrade, TwoFactorSecretsUpgrade>();
        return services;
    }
}
