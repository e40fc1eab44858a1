using Exchange.Web.Components.Layout;
using Exchange.Web.Components.Pages.Deposit;
using Exchange.Web.Components.Pages.Withdraw;
using MudBlazor.Services;

namespace Exchange.Web.Components;

public static class ComponentsServiceCollectionExtensions
{
    /// <summary>The Blazor dashboard: its components, MudBlazor, the theme's stylesheets, and the pages' own settings (validated at start).</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton<ThemeStylesheets>();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<TestTokens>();
        services.AddOptions<ExplorerOptions>()
            .Bind(configuration.GetSection(ExplorerOptions.Section))
            .Validate(o => Uri.TryCreate(o.BundleUrl, UriKind.Absolute, out _), "Explorer:BundleUrl must be an absolute URL.")
            .ValidateOnStart();
        return services;
    }
}
