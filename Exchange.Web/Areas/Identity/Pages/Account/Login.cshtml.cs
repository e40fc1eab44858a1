using System.ComponentModel.DataAnnotations;
using Exchange.Core.Accounts;
using Exchange.Web.Accounts;
using Exchange.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The Identity UI's login with wrong passwords counted toward lockout, the lockout's end said on the
/// page, and a limit per typed email. Unknown emails get the same answer as wrong passwords.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<ExchangeUser> signIn, RateLimitGate gate, IOptions<SecurityOptions> security) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; set; } = "/";

    [TempData]
    public string? ErrorMessage { get; set; }

    public sealed class InputModel
    {
        [Required, EmailAddress]
        public string Email { get; set; } = "";

        [Required, DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Display(Name = "Remember me?")]
        public bool RememberMe { get; set; }
    }

    public async Task OnGetAsync(string? returnUrl = null)
    {
        if (!string.IsNullOrEmpty(ErrorMessage))
            ModelState.AddModelError(string.Empty, ErrorMessage);
        ReturnUrl = AccountUrls.LocalOrHome(Url, returnUrl);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = AccountUrls.LocalOrHome(Url, returnUrl);
        if (!ModelState.IsValid)
            return Page();
        if (gate.SignIn(Input.Email) is { } wait)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            RateLimitRefusal.SetRetryAfter(Response, wait);
            return Refused(RateLimitRefusal.Sentence(wait));
        }

        var result = await signIn.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(ReturnUrl);
        if (result.RequiresTwoFactor)
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl, Input.RememberMe });
        if (result.IsNotAllowed)
            return Refused("Confirm your email first: follow the link sent to it when you registered, or have the link sent again.");
        if (result.IsLockedOut && await LockoutEndAsync() is { } until)
            return Refused(LockoutSentence.Until(until));
        var options = security.Value;
        return Refused($"The email or password is not right. After {options.MaxFailedAttempts} wrong tries in a row an account is locked for {options.LockoutMinutes} minutes.");
    }

    private async Task<DateTimeOffset?> LockoutEndAsync() =>
        await signIn.UserManager.FindByNameAsync(Input.Email) is { } user ? await signIn.UserManager.GetLockoutEndDateAsync(user) : null;

    private PageResult Refused(string sentence)
    {
        ModelState.AddModelError(string.Empty, sentence);
        return Page();
    }
}
