using System.ComponentModel.DataAnnotations;
using Exchange.Core.Accounts;
using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>Sends the confirmation link again to an account whose email is not confirmed yet; every email gets the same answer.</summary>
[AllowAnonymous]
public sealed class ResendEmailConfirmationModel(UserManager<ExchangeUser> users, AccountEmails emails) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Sent { get; private set; }

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
        if (await users.FindByEmailAsync(Input.Email) is { } user && !await users.IsEmailConfirmedAsync(user))
            await emails.SendAccountConfirmationAsync(user, Url, Request.Scheme);
        Sent = true;
        return Page();
    }
}
