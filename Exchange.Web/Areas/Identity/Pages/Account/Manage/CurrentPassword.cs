using Exchange.Core.Accounts;
using Exchange.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace Exchange.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// The password a settings change asks for (a new password, a new email). Wrong ones count toward
/// the same lockout as at the login, so a stolen session cannot guess the password here.
/// </summary>
public static class CurrentPassword
{
    public static async Task<string?> ProblemAsync(SignInManager<ExchangeUser> signIn, ExchangeUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
            return "Enter your current password.";
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.Succeeded)
            return null;
        if (check.IsLockedOut && await signIn.UserManager.GetLockoutEndDateAsync(user) is { } until)
            return LockoutSentence.Until(until);
        return "The current password is not right.";
    }
}
