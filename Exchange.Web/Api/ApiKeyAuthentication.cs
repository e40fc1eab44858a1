using System.Security.Claims;
using System.Text.Encodings.Web;
using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Api;

/// <summary>Signs a request in by its <c>X-Api-Key</c> header: a live personal key names its user, with the user's roles.</summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys,
    Microsoft.AspNetCore.Identity.UserManager<ExchangeUser> users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0)
            return AuthenticateResult.NoResult();
        var userId = await keys.UserOfAsync(values[0]!, Context.RequestAborted);
        if (userId is null)
            return AuthenticateResult.Fail("The API key is not valid or was revoked.");
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], SchemeName);
        if (await users.FindByIdAsync(userId) is { } user)
            identity.AddClaims((await users.GetRolesAsync(user)).Select(role => new Claim(ClaimTypes.Role, role)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
