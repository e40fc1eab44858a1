using System.Security.Claims;
using System.Text.Encodings.Web;
using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Api;

/// <summary>
/// Signs a request in by its <c>X-Api-Key</c> header: a live personal key names its user, with the
/// user's roles and the key's scopes. A deleted or locked-out user's key signs no one in.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys,
    UserManager<ExchangeUser> users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string ScopeClaim = "scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0)
            return AuthenticateResult.NoResult();
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

    /// <summary>Whether the request is signed in only by an API key (no login cookie).</summary>
    public static bool IsKeyOnly(ClaimsPrincipal principal) =>
        principal.Identities.Any(i => i.IsAuthenticated) &&
        principal.Identities.Where(i => i.IsAuthenticated).All(i => i.AuthenticationType == SchemeName);
}
