using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Shows a set of recovery codes once, right after it was made (they travel only in the
/// encrypted, one-read temp-data cookie); a visit without them goes back to the 2FA page.
/// </summary>
[Authorize]
public sealed class ShowRecoveryCodesModel : PageModel
{
    [TempData]
    public string[]? RecoveryCodes { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public IActionResult OnGet() => RecoveryCodes is { Length: > 0 } ? Page() : RedirectToPage("./TwoFactorAuthentication");
}
