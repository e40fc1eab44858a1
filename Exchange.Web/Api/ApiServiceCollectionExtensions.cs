using Exchange.Core.Accounts;
using Exchange.Web.Monitoring;
using Exchange.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Exchange.Web.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>The JSON API: the login cookie or a personal API key, never both; 401/403 instead of login redirects; its OpenAPI document.</summary>
    public static WebApplicationBuilder AddExchangeApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
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
        return builder;
    }

    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (AnswersWithStatusCodes(context.Request.Path))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>The JSON API and its OpenAPI document answer with status codes, never a login or error page.</summary>
    private static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi");

    internal static bool AnswersWithStatusCodes(PathString path) => IsApi(path) || MonitoringServiceCollectionExtensions.IsMonitoring(path);
}
