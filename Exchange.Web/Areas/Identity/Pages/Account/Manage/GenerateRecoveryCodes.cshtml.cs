using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// A new set of recovery codes (the old ones stop working), only for the current authenticator
/// code: a recovery code passes two-factor, so a stolen session must not be able to mint them.
/// </summary>
[Authorize]
public sealed class GenerateRecoveryCodesModel(UserManager<ExchangeUser> users, ITwoFactorVerifier verifier) : PageModel
{
    public const int CodeCount = 10;

    [TempData]
    public string[]? RecoveryCodes { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (users.GetUserId(User) is not { } userId)
            return NotFound();
        return await verifier.IsEnabledAsync(userId) ? Page() : NotOn();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (users.GetUserId(User) is not { } userId)
            return NotFound();
        if (!await verifier.IsEnabledAsync(userId))
            return NotOn();
        // The code check saves the user in a scope of its own: the user is loaded after it.
        if (await verifier.ProblemAsync(userId, Input.Code) is { } problem)
        {
            ModelState.AddModelError("Input.Code", problem);
            return Page();
        }
        if (await users.FindByIdAsync(userId) is not { } user)
            return NotFound();
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, CodeCount) ?? []];
        StatusMessage = "You have new recovery codes; the old ones no longer work.";
        return RedirectToPage("./ShowRecoveryCodes");
    }

    private RedirectToPageResult NotOn()
    {
        StatusMessage = "Recovery codes are for two-factor authentication, which is off: set up an authenticator app first.";
        return RedirectToPage("./TwoFactorAuthentication");
    }
}
