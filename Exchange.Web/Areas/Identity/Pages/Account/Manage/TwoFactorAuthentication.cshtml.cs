using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Where two-factor stands and the ways to change it; each change that weakens it asks for the current code on its own page.</summary>
[Authorize]
public sealed class TwoFactorAuthenticationModel(UserManager<ExchangeUser> users, SignInManager<ExchangeUser> signIn) : PageModel
{
    public bool HasAuthenticator { get; private set; }

    public bool Is2faEnabled { get; private set; }

    public bool IsMachineRemembered { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return NotFound();
        HasAuthenticator = !string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user));
        Is2faEnabled = await users.GetTwoFactorEnabledAsync(user);
        IsMachineRemembered = await signIn.IsTwoFactorClientRememberedAsync(user);
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        return Page();
    }

    /// <summary>Forgets this browser: the next login here asks for a code again.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is null)
            return NotFound();
        await signIn.ForgetTwoFactorClientAsync();
        StatusMessage = "This browser is forgotten: the next login here asks for a code again.";
        return RedirectToPage();
    }
}
