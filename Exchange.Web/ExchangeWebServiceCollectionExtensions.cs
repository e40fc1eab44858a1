using Exchange.Core;
using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Exchange.Hub;
using Exchange.Web.Accounts;
using Exchange.Web.Components;
using Exchange.Web.Components.Pages.History;
using Exchange.Web.Jobs;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace Exchange.Web;

public static class ExchangeWebServiceCollectionExtensions
{
    public static WebApplicationBuilder AddExchangeWeb(this WebApplicationBuilder builder)
    {
        builder.AddExchangeCore();
        var services = builder.Services;
        services.AddHub(builder.Configuration);
        services.AddHubJobs(builder.Configuration);

        // Blazor dashboard
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();

        // Accounts: the Identity UI's Razor Pages over the exchange's database
        services.AddDefaultIdentity<ExchangeUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = false;
                o.Password.RequiredLength = 8;
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ExchangeDbContext>();
        services.AddRazorPages();
        services.AddOptions<DemoAccountsOptions>().Bind(builder.Configuration.GetSection(DemoAccountsOptions.Section));
        services.AddScoped<OperatorAccounts>();
        services.AddScoped<DemoAccounts>();
        services.AddSingleton<Components.Pages.Deposit.TestTokens>();

        return builder;
    }

    public static WebApplication UseExchangeWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorPages();
        app.MapQrCodes();
        app.MapHistoryCsv();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>Migrates the database; run before the app serves or a command-line verb acts.</summary>
    public static Task PrepareDatabaseAsync(this WebApplication app) =>
        app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
}
