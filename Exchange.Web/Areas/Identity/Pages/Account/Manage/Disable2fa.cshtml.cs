using System.ComponentModel.DataAnnotations;
using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>The Identity UI's "disable 2FA", which asks for the current code: a stolen session alone cannot turn it off.</summary>
[Authorize]
public sealed class Disable2faModel(UserManager<ExchangeUser> users, SignInManager<ExchangeUser> signIn, ITwoFactorVerifier verifier) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return NotFound();
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            StatusMessage = "Two-factor authentication is already off.";
            return RedirectToPage("./TwoFactorAuthentication");
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (users.GetUserId(User) is not { } userId)
            return NotFound();
        if (await CurrentSecondFactor.ProblemAsync(verifier, users, userId, Input.Code) is { } problem)
        {
            ModelState.AddModelError("Input.Code", problem);
            return Page();
        }
        var user = await users.FindByIdAsync(userId);
        if (user is null || !(await users.SetTwoFactorEnabledAsync(user, false)).Succeeded)
            return Refused("Two-factor authentication could not be turned off. Please try again.");
        await signIn.RefreshSignInAsync(user);
        StatusMessage = "Two-factor authentication is off. You can turn it on again by setting up an authenticator app.";
        return RedirectToPage("./TwoFactorAuthentication");
    }

    private PageResult Refused(string sentence)
    {
        ModelState.AddModelError(string.Empty, sentence);
        return Page();
    }
}

/// <summary>The current authenticator code (or a recovery code) a two-factor settings change asks for.</summary>
public sealed class CodeInput
{
    [Display(Name = "Authenticator code")]
    [StringLength(20)]
    public string? Code { get; set; }
}
