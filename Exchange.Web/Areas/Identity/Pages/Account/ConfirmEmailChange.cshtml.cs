using Exchange.Core.Accounts;
using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The link sent to a new address (asked for on the Email page, which takes the password). The
/// email is also the user name, so both change; the new security stamp revokes API keys and starts
/// the withdrawal hold. An unknown user and a wrong or used link get the same answer.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmEmailChangeModel(UserManager<ExchangeUser> users, SignInManager<ExchangeUser> signIn) : PageModel
{
    public string? Problem { get; private set; } = "This link is not valid: it was already used, it expired, or it was cut short.";

    public async Task OnGetAsync(string? userId, string? email, string? code)
    {
        if (userId is null || email is null || AccountEmails.Decode(code) is not { } token || await users.FindByIdAsync(userId) is not { } user)
            return;
        var changed = await users.ChangeEmailAsync(user, email, token);
        if (changed.Succeeded)
            changed = await users.SetUserNameAsync(user, email);
        if (!changed.Succeeded)
        {
            // A wrong link keeps the sentence an unknown user gets; anything else (the address taken meanwhile) is said.
            if (!changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
                Problem = string.Join(" ", changed.Errors.Select(e => e.Description));
            return;
        }
        Problem = null;
        await signIn.RefreshSignInAsync(user);
    }
}
