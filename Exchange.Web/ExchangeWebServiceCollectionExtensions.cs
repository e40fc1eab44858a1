using Exchange.Core;
using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Exchange.Core.HubSync;
using Exchange.Hub;
using Exchange.Hub.Client;
using Exchange.Hub.Emulator;
using Exchange.Web.Accounts;
using Exchange.Web.Accounts.TwoFactor;
using Exchange.Web.Api;
using Exchange.Web.Components;
using Exchange.Web.Components.Pages.History;
using Exchange.Web.Components.Pages.Operator.Audit;
using Exchange.Web.Components.Pages.Proofs;
using Exchange.Web.Email;
using Exchange.Web.Jobs;
using Exchange.Web.LiveUpdates;
using Exchange.Web.Monitoring;
using Exchange.Web.Notices;
using Exchange.Web.Security;
using Exchange.Web.Webhooks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace Exchange.Web;

public static class ExchangeWebServiceCollectionExtensions
{
    public static WebApplicationBuilder AddExchangeWeb(this WebApplicationBuilder builder)
    {
        builder.AddExchangeCore();
        var services = builder.Services;
        services.AddHub(builder.Configuration, builder.Environment);
        services.AddHubJobs(builder.Configuration);
        services.AddLiveUpdates(builder.Configuration);
        builder.AddMonitoring();

        // Blazor dashboard
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton<Components.Layout.ThemeStylesheets>();
        services.AddCascadingAuthenticationState();

        // Accounts: the Identity UI's Razor Pages over the exchange's database
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
        services.AddExchangeAccounts(builder.Configuration);
        builder.AddExchangeEmail();
        services.AddNoticesWeb(builder.Configuration);
        services.AddExchangeSecurity(builder.Configuration);
        services.AddRazorPages();
        builder.AddWebSecurity();

        // JSON API: the login cookie or a personal API key, never both; 401/403 instead of login redirects.
        services.AddAuthentication().AddApiSignIn();
        services.AddAuthorizationBuilder()
            .AddScopePolicies()
            .AddPolicy(ApiEndpoints.Policy, p => p.AddAuthenticationSchemes(ApiSignIn.Scheme).RequireAuthenticatedUser())
            .AddPolicy(OperatorApiEndpoints.Policy, p => p.AddAuthenticationSchemes(ApiSignIn.Scheme).RequireRole(Roles.Operator));
        services.ConfigureApplicationCookie(o =>
        {
            Cookies.Harden(o.Cookie, builder.Environment);
            o.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.AddOpenApi();
        services.AddProblemDetails();
        services.AddOptions<DemoAccountsOptions>().Bind(builder.Configuration.GetSection(DemoAccountsOptions.Section))
            .Validate<IHostEnvironment>((o, environment) => o.IsValidIn(environment), DemoAccountsOptions.PasswordsRequired).ValidateOnStart();
        services.AddScoped<OperatorAccounts>();
        services.AddScoped<DemoAccounts>();
        services.AddSingleton<Components.Pages.Deposit.TestTokens>();
        services.AddOptions<Components.Pages.Withdraw.ExplorerOptions>()
            .Bind(builder.Configuration.GetSection(Components.Pages.Withdraw.ExplorerOptions.Section))
            .Validate(o => Uri.TryCreate(o.BundleUrl, UriKind.Absolute, out _), "Explorer:BundleUrl must be an absolute URL.")
            .ValidateOnStart();

        return builder;
    }

    public static WebApplication UseExchangeWeb(this WebApplication app)
    {
        app.UseManagementPort();
        app.UseExchangeForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
            app.UseWhen(context => !MonitoringServiceCollectionExtensions.IsMonitoring(context.Request.Path), pages => pages.UseHttpsRedirection());
        }
        app.UseApiBodyLimit();
        // Pages get the not-found page; the API and the monitoring endpoints keep their own status codes.
        app.UseWhen(context => !AnswersWithStatusCodes(context.Request.Path),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        Components.Layout.ThemeStylesheets.MapThemeStylesheets(app);
        app.MapRazorPages();
        app.MapHistoryCsv();
        app.MapAuditCsv();
        app.MapExchangeApi();
        app.MapOperatorApi();
        app.MapWebhooksApi();
        app.MapProofOfLiabilities();
        app.MapOpenApi().RequireAuthorization(ApiEndpoints.Policy);
        app.MapMonitoring();
        app.MapDevelopmentMailbox();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (AnswersWithStatusCodes(context.Request.Path))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>The JSON API and its OpenAPI document answer with status codes, never a login or error page.</summary>
    private static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi");

    private static bool AnswersWithStatusCodes(PathString path) => IsApi(path) || MonitoringServiceCollectionExtensions.IsMonitoring(path);

    /// <summary>
    /// Migrates the database (or, with <c>Database:MigrateOnStart</c> off, checks it is migrated)
    /// and checks it belongs to the Hub configured now; run before the app serves or a command-line
    /// verb acts.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseMigrator>().PrepareAsync();
        var hub = app.Services.GetRequiredService<IOptions<HubOptions>>().Value;
        var identity = app.Services.GetService<EmbeddedHubEmulator>() is null ? hub.Url!.TrimEnd('/') : EmbeddedHubEmulator.Identity;
        await app.Services.GetRequiredService<HubBindings>().EnsureAsync(identity, hub.SwitchIntended);
    }
}
