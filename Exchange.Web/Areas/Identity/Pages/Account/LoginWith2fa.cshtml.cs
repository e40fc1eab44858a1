using System.ComponentModel.DataAnnotations;
using Exchange.Core.Accounts;
using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The second step of a login with two-factor on: the authenticator code (single use, misses
/// counted toward the lockout). Without the first step's cookie it sends back to the login.
/// </summary>
[AllowAnonymous]
public sealed class LoginWith2faModel(SignInManager<ExchangeUser> signIn) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool RememberMe { get; set; }

    public string ReturnUrl { get; set; } = "/";

    public sealed class InputModel
    {
        [Required]
        [StringLength(7, ErrorMessage = "The {0} must be at least {2} and at max {1} characters long.", MinimumLength = 6)]
        [DataType(DataType.Text)]
        [Display(Name = "Authenticator code")]
        public string TwoFactorCode { get; set; } = "";

        [Display(Name = "Remember this machine")]
        public bool RememberMachine { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(bool rememberMe, string? returnUrl = null)
    {
        ReturnUrl = AccountUrls.LocalOrHome(Url, returnUrl);
        RememberMe = rememberMe;
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login", new { ReturnUrl }) : Page();
    }

    public async Task<IActionResult> OnPostAsync(bool rememberMe, string? returnUrl = null)
    {
        ReturnUrl = AccountUrls.LocalOrHome(Url, returnUrl);
        RememberMe = rememberMe;
        if (!ModelState.IsValid)
            return Page();
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
            return RedirectToPage("./Login", new { ReturnUrl });

        var code = Input.TwoFactorCode.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, rememberMe, Input.RememberMachine);
        if (result.Succeeded)
            return LocalRedirect(ReturnUrl);
        if (result.IsLockedOut)
            return RedirectToPage("./Lockout");
        ModelState.AddModelError(string.Empty, "Invalid authenticator code.");
        return Page();
    }
}
