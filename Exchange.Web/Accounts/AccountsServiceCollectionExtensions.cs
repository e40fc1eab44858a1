using Exchange.Core.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>
    /// The accounts around Identity: two-factor secrets encrypted at rest, and only the account pages
    /// this app defines. Call after Identity is added.
    /// </summary>
    public static IServiceCollection AddExchangeAccounts(this IServiceCollection services)
    {
        services.AddSingleton<TwoFactorSecrets>();
        services.AddSingleton<IDataUpgrade, TwoFactorSecretsUpgrade>();

        services.AddScoped<AccountEmails>();
        services.AddScoped<PersonalDataExport>();
        services.Configure<RazorPagesOptions>(o => o.Conventions.Add(new OwnAccountPagesOnly()));
        return services;
    }
}
