using System.Security.Claims;
using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Accounts;

/// <summary>
/// Identity's check of the login cookie (every <c>Security:RevalidateInterval</c>), which refuses a
/// cookie whose security stamp is old or whose user is gone, and renews the roles in it; this one
/// also refuses a locked-out user, as an open page does (<see cref="SessionValidity"/>).
/// </summary>
public sealed class LockoutAwareStampValidator(IOptions<SecurityStampValidatorOptions> options, SignInManager<ExchangeUser> signIn, ILoggerFactory loggers)
    : SecurityStampValidator<ExchangeUser>(options, signIn, loggers)
{
    protected override async Task<ExchangeUser?> VerifySecurityStamp(ClaimsPrincipal? principal) =>
        await base.VerifySecurityStamp(principal) is { } user && !await SignInManager.UserManager.IsLockedOutAsync(user) ? user : null;
}
