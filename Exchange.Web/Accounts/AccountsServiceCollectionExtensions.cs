using Exchange.Core.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>
    /// The accounts around Identity: two-factor secrets encrypted at rest, only the account pages this
    /// app defines, and sign-ins revalidated on open pages and in the login cookie. Call after
    /// Identity is added: these replace Identity's and Blazor's defaults.
    /// </summary>
    public static IServiceCollection AddExchangeAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TwoFactorSecrets>();
        services.AddSingleton<IDataUpgrade, TwoFactorSecretsUpgrade>();

        services.AddScoped<AccountEmails>();
        services.AddSingleton<AccountLinks>();
        services.AddScoped<PersonalDataExport>();
        services.Configure<RazorPagesOptions>(o => o.Conventions.Add(new OwnAccountPagesOnly()));

        AddRevalidation(services, configuration);
        return services;
    }

    private static void AddRevalidation(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RevalidationOptions>()
            .Bind(configuration.GetSection(RevalidationOptions.Section))
            .Validate(o => o.IsValid, $"Security:RevalidateInterval must be from {RevalidationOptions.Shortest:c} to {RevalidationOptions.Longest:c}.")
            .ValidateOnStart();
        services.AddScoped<SessionValidity>();
        services.AddScoped<AuthenticationStateProvider, RevalidatingSessionStateProvider>();
        // The cookie is checked as often as open pages are, with the same rule, so a page signed out does not sign in again on reload.
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<RevalidationOptions>>((stamp, revalidation) => stamp.ValidationInterval = revalidation.Value.RevalidateInterval);
        services.AddScoped<ISecurityStampValidator, LockoutAwareStampValidator>();
    }
}
