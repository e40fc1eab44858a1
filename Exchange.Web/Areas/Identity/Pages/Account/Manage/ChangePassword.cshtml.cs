using System.ComponentModel.DataAnnotations;
using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// A new password, given the current one (misses counted toward the lockout). The new security
/// stamp ends every other session within <c>Security:RevalidateInterval</c>, revokes API keys and
/// starts the withdrawal hold; this session is signed in again with it.
/// </summary>
[Authorize]
public sealed class ChangePasswordModel(UserManager<ExchangeUser> users, SignInManager<ExchangeUser> signIn) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed class InputModel
    {
        [Required]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string OldPassword { get; set; } = "";

        [Required]
        [StringLength(100, ErrorMessage = "The {0} must be at least {2} and at max {1} characters long.", MinimumLength = 8)]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string NewPassword { get; set; } = "";

        [DataType(DataType.Password)]
        [Display(Name = "Confirm new password")]
        [Compare(nameof(NewPassword), ErrorMessage = "The new password and confirmation password do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync() => await users.GetUserAsync(User) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return NotFound();
        if (!ModelState.IsValid)
            return Page();
        if (await CurrentPassword.ProblemAsync(signIn, user, Input.OldPassword) is { } problem)
        {
            ModelState.AddModelError("Input.OldPassword", problem);
            return Page();
        }
        var changed = await users.ChangePasswordAsync(user, Input.OldPassword, Input.NewPassword);
        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors)
                ModelState.AddModelError(string.Empty, error.Description);
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        StatusMessage = "Your password has been changed. Every other session is logged out.";
        return RedirectToPage();
    }
}
