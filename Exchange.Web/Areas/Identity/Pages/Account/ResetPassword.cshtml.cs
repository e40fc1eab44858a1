using System.ComponentModel.DataAnnotations;
using Exchange.Core.Accounts;
using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>
/// A new password from the emailed link. A link that is not the typed email's says it is not the
/// exchange's, as for an unknown email; to the holder of that email's link the page says whether it
/// expired or was used, and the password rules. The new security stamp logs out every session,
/// revokes API keys and starts the withdrawal hold.
/// </summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<ExchangeUser> users, AccountLinks links) : PageModel
{

    /// <summary>The posted link's state; set only by a post.</summary>
    public AccountLinkCheck Link { get; private set; } = AccountLinkCheck.Valid;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required, EmailAddress]
        public string Email { get; set; } = "";

        [Required]
        [StringLength(100, ErrorMessage = "The {0} must be at least {2} and at max {1} characters long.", MinimumLength = 8)]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string Password { get; set; } = "";

        [DataType(DataType.Password)]
        [Display(Name = "Confirm new password")]
        [Compare(nameof(Password), ErrorMessage = "The password and confirmation password do not match.")]
        public string ConfirmPassword { get; set; } = "";

        [Required]
        public string Code { get; set; } = "";
    }

    public IActionResult OnGet(string? code = null)
    {
        if (string.IsNullOrEmpty(code))
            return BadRequest("A reset link carries a code; open the link from the email as it is.");
        Input.Code = code;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();
        var user = await users.FindByEmailAsync(Input.Email);
        var token = AccountEmails.Decode(Input.Code);
        Link = links.Check(token, user, UserManager<ExchangeUser>.ResetPasswordTokenPurpose);
        if (!Link.IsValid)
            return Page();
        var reset = await users.ResetPasswordAsync(user!, token!, Input.Password);
        if (reset.Succeeded)
            return RedirectToPage("./ResetPasswordConfirmation");
        foreach (var error in reset.Errors)
            ModelState.AddModelError(string.Empty, error.Description);
        return Page();
    }
}
