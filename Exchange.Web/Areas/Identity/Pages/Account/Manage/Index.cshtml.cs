using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>The account at a glance: who is signed in and how the login is protected. Nothing here changes anything.</summary>
[Authorize]
public sealed class IndexModel(UserManager<ExchangeUser> users) : PageModel
{
    public string Email { get; private set; } = "";

    public bool TwoFactorEnabled { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return NotFound();
        Email = user.Email ?? "";
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user);
        return Page();
    }
}
