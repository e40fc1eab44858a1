using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Exchange.Web.Api;

/// <summary>
/// How the API and <c>/metrics</c> sign a request in: by its API key alone when it carries
/// <c>X-Api-Key</c> (one that also carries a login cookie is refused, see <see cref="ApiKeyAuthentication"/>),
/// else by the login cookie. Never both at once, so a key's owner, roles and scopes are never mixed with a cookie's.
/// </summary>
public static class ApiSignIn
{
    public const string Scheme = "ApiKeyOrCookie";

    public static AuthenticationBuilder AddApiSignIn(this AuthenticationBuilder authentication) =>
        authentication
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddPolicyScheme(Scheme, "API key or login cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthentication.Header) ? ApiKeyAuthentication.SchemeName : IdentityConstants.ApplicationScheme);
}
