using System.ComponentModel.DataAnnotations;
using Exchange.Core.Accounts;
using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>The second step of a login with one of the recovery codes instead (each good once; misses counted toward the lockout).</summary>
[AllowAnonymous]
public sealed class LoginWithRecoveryCodeModel(SignInManager<ExchangeUser> signIn) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; set; } = "/";

    public sealed class InputModel
    {
        [Required]
        [StringLength(20)]
        [DataType(DataType.Text)]
        [Display(Name = "Recovery code")]
        public string RecoveryCode { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null)
    {
        ReturnUrl = AccountUrls.LocalOrHome(Url, returnUrl);
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login", new { ReturnUrl }) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = AccountUrls.LocalOrHome(Url, returnUrl);
        if (!ModelState.IsValid)
            return Page();
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
            return RedirectToPage("./Login", new { ReturnUrl });

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Input.RecoveryCode.Replace(" ", "", StringComparison.Ordinal));
        if (result.Succeeded)
            return LocalRedirect(ReturnUrl);
        if (result.IsLockedOut)
            return RedirectToPage("./Lockout");
        ModelState.AddModelError(string.Empty, "That recovery code is not right or was already used.");
        return Page();
    }
}
