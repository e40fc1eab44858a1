using System.Security.Claims;
using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Exchange.Web.Accounts;

/// <summary>
/// Whether a sign-in still stands: the user exists, is not locked out, has the security stamp the
/// sign-in was made with (a new password, email or authenticator renews it), and still holds every
/// role the sign-in claims (an operator whose role was taken away is an operator no more).
/// </summary>
public sealed class SessionValidity(UserManager<ExchangeUser> users)
{
    public async Task<bool> HoldsAsync(ClaimsPrincipal principal)
    {
        if (await users.GetUserAsync(principal) is not { } user)
            return false;
        var claims = users.Options.ClaimsIdentity;
        if (principal.FindFirstValue(claims.SecurityStampClaimType) != await users.GetSecurityStampAsync(user))
            return false;
        if (await users.IsLockedOutAsync(user))
            return false;
        foreach (var role in principal.FindAll(claims.RoleClaimType).Select(c => c.Value))
        {
            if (!await users.IsInRoleAsync(user, role))
                return false;
        }
        return true;
    }
}
