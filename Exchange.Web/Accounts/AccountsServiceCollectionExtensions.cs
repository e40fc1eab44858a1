using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Exchange.Web.Accounts.TwoFactor;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>
    /// Accounts: the Identity UI's Razor Pages over the exchange's database; around Identity,
    /// two-factor secrets encrypted at rest, only the account pages this app defines, and sign-ins
    /// revalidated on open pages and in the login cookie; the operators' and the demo accounts
    /// (<c>DemoAccounts</c> validated at start). Call after the dashboard's registration: these
    /// replace Identity's and Blazor's defaults.
    /// </summary>
    public static WebApplicationBuilder AddExchangeAccounts(this WebApplicationBuilder builder)
    {
        var (services, configuration) = (builder.Services, builder.Configuration);
        AddIdentity(services);
        services.AddSingleton<TwoFactorSecrets>();
        services.AddSingleton<IDataUpgrade, TwoFactorSecretsUpgrade>();

        services.AddScoped<AccountEmails>();
        services.AddSingleton<AccountLinks>();
        services.AddScoped<PersonalDataExport>();
        services.Configure<RazorPagesOptions>(o => o.Conventions.Add(new OwnAccountPagesOnly()));

        AddRevalidation(services, configuration);
        services.AddRazorPages();
        services.AddOptions<DemoAccountsOptions>().Bind(configuration.GetSection(DemoAccountsOptions.Section))
            .Validate<IHostEnvironment>((o, environment) => o.IsValidIn(environment), DemoAccountsOptions.PasswordsRequired).ValidateOnStart();
        services.AddScoped<OperatorAccounts>();
        services.AddScoped<DemoAccounts>();
        return builder;
    }

    private static void AddIdentity(IServiceCollection services) =>
        services.AddDefaultIdentity<ExchangeUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = false;
                o.Password.RequiredLength = 8;
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddUserValidator<BoundedUserValidator>()
            .AddEntityFrameworkStores<ExchangeDbContext>()
            .AddUserStore<ExchangeUserStore>()
            .AddSingleUseAuthenticator();

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
