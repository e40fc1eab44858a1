using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Exchange.Web.Security;

public static class Cookies
{
    /// <summary>
    /// HttpOnly (no script reads it), SameSite=Strict (another site's links, forms and frames never
    /// carry it: a link from an email lands on the login page instead), Secure outside Development
    /// (in Development, tests and <c>dotnet run</c> speak plain http).
    /// </summary>
    public static void Harden(CookieBuilder cookie, IHostEnvironment environment, SameSiteMode sameSite = SameSiteMode.Strict)
    {
        cookie.HttpOnly = true;
        cookie.SameSite = sameSite;
        cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    }

    /// <summary>Identity's other cookies: the step between password and two-factor code, and "remember this machine".</summary>
    public static IServiceCollection HardenIdentityCookies(this IServiceCollection services, IHostEnvironment environment)
    {
        foreach (var scheme in new[] { IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme })
            services.Configure<CookieAuthenticationOptions>(scheme, o => Harden(o.Cookie, environment));
        // An external login provider returns by a cross-site redirect, which a Strict cookie would not survive.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, o => Harden(o.Cookie, environment, SameSiteMode.Lax));
        return services;
    }
}
