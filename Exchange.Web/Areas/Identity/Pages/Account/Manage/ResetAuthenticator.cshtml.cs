using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// The Identity UI's "reset authenticator key", which asks for the current code while two-factor is
/// on: otherwise a stolen session could swap in its own authenticator.
/// </summary>
[Authorize]
public sealed class ResetAuthenticatorModel(UserManager<ExchangeUser> users, SignInManager<ExchangeUser> signIn, ITwoFactorVerifier verifier) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public bool NeedsCode { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (users.GetUserId(User) is not { } userId)
            return NotFound();
        NeedsCode = await verifier.IsEnabledAsync(userId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (users.GetUserId(User) is not { } userId)
            return NotFound();
        NeedsCode = await verifier.IsEnabledAsync(userId);
        if (NeedsCode && await CurrentSecondFactor.ProblemAsync(verifier, users, userId, Input.Code) is { } problem)
        {
            ModelState.AddModelError("Input.Code", problem);
            return Page();
        }
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return NotFound();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        StatusMessage = "Your authenticator app key has been reset, you will need to configure your authenticator app using the new key.";
        return RedirectToPage("./EnableAuthenticator");
    }
}
