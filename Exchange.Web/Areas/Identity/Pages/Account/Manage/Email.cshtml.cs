using System.ComponentModel.DataAnnotations;
using Exchange.Core.Accounts;
using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// A new email (the login and where reset links go) takes the current password and then the link
/// sent to the new address: a stolen session alone cannot point the account at another mailbox and
/// reset the password from there. The answer is the same whether or not the address has an account.
/// </summary>
[Authorize]
public sealed class EmailModel(UserManager<ExchangeUser> users, SignInManager<ExchangeUser> signIn, AccountEmails emails) : PageModel
{
    public string Email { get; private set; } = "";

    public bool IsEmailConfirmed { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required, EmailAddress]
        [Display(Name = "New email")]
        public string NewEmail { get; set; } = "";

        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string? Password { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return NotFound();
        Load(user);
        return Page();
    }

    public async Task<IActionResult> OnPostChangeEmailAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return NotFound();
        Load(user);
        if (!ModelState.IsValid)
            return Page();
        if (string.Equals(Input.NewEmail, user.Email, StringComparison.OrdinalIgnoreCase))
            return Refused("Input.NewEmail", "That is your email already.");
        if (await CurrentPassword.ProblemAsync(signIn, user, Input.Password) is { } problem)
            return Refused("Input.Password", problem);
        await emails.SendEmailChangeConfirmationAsync(user, Input.NewEmail, Url, Request.Scheme);
        StatusMessage = "A link to confirm the change is on its way to the new address. Your email changes when you follow it.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSendVerificationEmailAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return NotFound();
        if (!await users.IsEmailConfirmedAsync(user))
            await emails.SendAccountConfirmationAsync(user, Url, Request.Scheme);
        StatusMessage = "A confirmation link is on its way to your email.";
        return RedirectToPage();
    }

    private void Load(ExchangeUser user)
    {
        Email = user.Email ?? "";
        IsEmailConfirmed = user.EmailConfirmed;
    }

    private PageResult Refused(string field, string sentence)
    {
        ModelState.AddModelError(field, sentence);
        return Page();
    }
}
