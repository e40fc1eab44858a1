using System.ComponentModel.DataAnnotations;
using Exchange.Core.Accounts;
using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Sends a reset link to an account with a confirmed email; every email gets the same answer (the
/// confirmation page), so the form tells nobody who has an account. Posts are limited per address.
/// </summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(UserManager<ExchangeUser> users, AccountEmails emails) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required, EmailAddress]
        public string Email { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();
        if (await users.FindByEmailAsync(Input.Email) is { } user && await users.IsEmailConfirmedAsync(user))
            await emails.SendPasswordResetAsync(user, Url, Request.Scheme);
        return RedirectToPage("./ForgotPasswordConfirmation");
    }
}
