using Exchange.Core.Accounts;
using Exchange.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace Exchange.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// The proof a settings change that weakens two-factor sign-in asks for: the current authenticator
/// code (single use, misses counted), or a recovery code for someone who lost the authenticator.
/// Call it before the page loads the user, since a code check saves the user in a scope of its own.
/// </summary>
public static class CurrentSecondFactor
{
    // Identity's recovery codes are 11 characters (xxxxx-xxxxx); authenticator codes 6 digits, maybe spaced.
    private const int LongestAuthenticatorCode = 7;

    public static async Task<string?> ProblemAsync(ITwoFactorVerifier verifier, UserManager<ExchangeUser> users, string userId, string? code)
    {
        var typed = (code ?? "").Trim();
        if (typed.Length <= LongestAuthenticatorCode)
            return await verifier.ProblemAsync(userId, typed);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return "Your account was not found.";
        if (await users.IsLockedOutAsync(user) && await users.GetLockoutEndDateAsync(user) is { } until)
            return LockoutSentence.Until(until);
        if ((await users.RedeemTwoFactorRecoveryCodeAsync(user, typed)).Succeeded)
            return null;
        await users.AccessFailedAsync(user);
        return "That recovery code is not right or was already used.";
    }
}
