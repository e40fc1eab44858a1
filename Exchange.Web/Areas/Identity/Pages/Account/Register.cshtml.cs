using System.ComponentModel.DataAnnotations;
using Exchange.Core.Accounts;
using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>
/// A new account with Identity's password and email rules (posts limited per address by the rate
/// limiter). The confirmation link goes out by email only (<see cref="AccountEmails"/>); where
/// accounts need no confirmed email (<c>Identity:RequireConfirmedAccount</c>) the new user is signed in
/// at once. An address that has an account gets the "check your email" answer too, and its owner a mail.
/// </summary>
[AllowAnonymous]
public sealed class RegisterModel(UserManager<ExchangeUser> users, SignInManager<ExchangeUser> signIn, AccountEmails emails) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; set; } = "/";

    public sealed class InputModel
    {
        [Required, EmailAddress]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required]
        [StringLength(100, ErrorMessage = "The {0} must be at least {2} and at max {1} characters long.", MinimumLength = 8)]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [DataType(DataType.Password)]
        [Display(Name = "Confirm Password")]
        [Compare(nameof(Password), ErrorMessage = "The password and confirmation password do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet(string? returnUrl = null) => ReturnUrl = AccountUrls.LocalOrHome(Url, returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = AccountUrls.LocalOrHome(Url, returnUrl);
        if (!ModelState.IsValid)
            return Page();
        var user = new ExchangeUser { UserName = Input.Email, Email = Input.Email };
        // The password is judged before the address is looked up, so its errors tell nothing about the address.
        if (await PasswordErrorsAsync(user) is { Count: > 0 } weak)
            return Refused(weak);
        if (await users.FindByEmailAsync(Input.Email) is { } owner)
            return await TakenAsync(owner);
        var created = await users.CreateAsync(user, Input.Password);
        if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))
            && await users.FindByEmailAsync(Input.Email) is { } raced)
            return await TakenAsync(raced);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
                ModelState.AddModelError(string.Empty, error.Description);
            return Page();
        }
        await emails.SendAccountConfirmationAsync(user, Url, Request.Scheme);
        if (users.Options.SignIn.RequireConfirmedAccount)
            return RedirectToPage("./RegisterConfirmation", new { ReturnUrl });
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(ReturnUrl);
    }

    // The same answer as for a new account; the address's owner hears that someone tried.
    private async Task<IActionResult> TakenAsync(ExchangeUser owner)
    {
        await emails.SendRegistrationAttemptAsync(owner, Url, Request.Scheme);
        return RedirectToPage("./RegisterConfirmation", new { ReturnUrl });
    }

    private async Task<List<IdentityError>> PasswordErrorsAsync(ExchangeUser user)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
            errors.AddRange((await validator.ValidateAsync(users, user, Input.Password)).Errors);
        return errors;
    }

    private PageResult Refused(IEnumerable<IdentityError> errors)
    {
        foreach (var error in errors)
            ModelState.AddModelError(string.Empty, error.Description);
        return Page();
    }
}
