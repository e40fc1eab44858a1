using System.Security.Claims;
using System.Text.Encodings.Web;
using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Api;

/// <summary>
/// Signs a request in by its <c>X-Api-Key</c> header: a live personal key names its user, with the
/// user's roles and the key's scopes. A deleted or locked-out user's key signs no one in, and a
/// request that also carries a login cookie is refused with 400: the key and the cookie could be
/// two people's, and the request would act as the key's owner without the key's limits.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys,
    UserManager<ExchangeUser> users, IOptionsMonitor<CookieAuthenticationOptions> cookies)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string ScopeClaim = "scope";

    public const string BothRefusal = "This request carries both an X-Api-Key header and a login cookie. " +
        "Send one or the other: the key alone from a program, the cookie alone from the browser.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0)
            return AuthenticateResult.NoResult();
        if (CarriesLoginCookie())
            return AuthenticateResult.Fail(BothRefusal);
        var holder = await keys.HolderOfAsync(values[0]!, Context.RequestAborted);
        if (holder is null)
            return AuthenticateResult.Fail("The API key is not valid, has expired or was revoked.");
        var user = await users.FindByIdAsync(holder.UserId);
        if (user is null || await users.IsLockedOutAsync(user))
            return AuthenticateResult.Fail("The API key's account is locked out or no longer exists.");
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, holder.UserId)], SchemeName);
        identity.AddClaims((await users.GetRolesAsync(user)).Select(role => new Claim(ClaimTypes.Role, role)));
        identity.AddClaims(holder.Scopes.Select(scope => new Claim(ScopeClaim, scope)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    // Any login cookie, valid or not: which one a client meant cannot be guessed, so it is told to choose.
    private bool CarriesLoginCookie() =>
        Request.Cookies.ContainsKey(cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name!);

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if ((await HandleAuthenticateOnceSafeAsync()).Failure?.Message != BothRefusal)
        {
            await base.HandleChallengeAsync(properties);
            return;
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = 400, Title = "An API key and a login cookie together", Detail = BothRefusal },
        });
    }

    /// <summary>Whether the request is signed in only by an API key (no login cookie).</summary>
    public static bool IsKeyOnly(ClaimsPrincipal principal) =>
        principal.Identities.Any(i => i.IsAuthenticated) &&
        principal.Identities.Where(i => i.IsAuthenticated).All(i => i.AuthenticationType == SchemeName);

    /// <summary>The identities an API key signed in: their scopes are what the request may do.</summary>
    public static IEnumerable<ClaimsIdentity> KeyIdentities(ClaimsPrincipal principal) =>
        principal.Identities.Where(i => i.IsAuthenticated && i.AuthenticationType == SchemeName);
}
