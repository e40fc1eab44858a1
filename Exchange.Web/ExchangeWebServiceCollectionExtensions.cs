using Exchange.Core;
using Exchange.Core.Data;
using Exchange.Core.HubSync;
using Exchange.Hub;
using Exchange.Hub.Client;
using Exchange.Hub.Emulator;
using Exchange.Web.Accounts;
using Exchange.Web.Api;
using Exchange.Web.Cli;
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
using Microsoft.Extensions.Options;

namespace Exchange.Web;

public static class ExchangeWebServiceCollectionExtensions
{
    /// <summary>Core, then the web app a feature folder at a time: each registers its services and validates its settings.</summary>
    public static WebApplicationBuilder AddExchangeWeb(this WebApplicationBuilder builder)
    {
        builder.AddExchangeCore();
        var (services, configuration) = (builder.Services, builder.Configuration);
        services.AddHub(configuration, builder.Environment);
        services.AddHubJobs(configuration);
        services.AddLiveUpdates(configuration);
        builder.AddMonitoring();
        services.AddDashboard(configuration);
        builder.AddExchangeAccounts();
        builder.AddExchangeEmail();
        services.AddNoticesWeb(configuration);
        services.AddExchangeSecurity(configuration);
        builder.AddWebSecurity();
        builder.AddExchangeApi();
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
        app.UseWhen(context => !ApiServiceCollectionExtensions.AnswersWithStatusCodes(context.Request.Path),
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

    /// <summary>
    /// Migrates the database (or, with <c>Database:MigrateOnStart</c> off, checks it is migrated)
    /// and checks it belongs to the Hub configured now; run before the app serves or a command-line
    /// verb acts.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        try
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().PrepareAsync();
        }
        catch (DatabaseNotReadyException e) when (e.SchemaBehind)
        {
            throw new DatabaseNotReadyException(MigrateCommand.RunFirst(e.Message), e);
        }
        var hub = app.Services.GetRequiredService<IOptions<HubOptions>>().Value;
        var identity = app.Services.GetService<EmbeddedHubEmulator>() is null ? hub.Url!.TrimEnd('/') : EmbeddedHubEmulator.Identity;
        await app.Services.GetRequiredService<HubBindings>().EnsureAsync(identity, hub.SwitchIntended);
    }
}
