using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>
/// "Check your email" after a registration that waits for a confirmed address. It reads no
/// account and takes no email from the address bar: every visitor gets the same page, so it tells
/// nobody whether an email has an account, and it never shows a confirmation link (that goes out
/// by email only).
/// </summary>
[AllowAnonymous]
public sealed class RegisterConfirmationModel : PageModel
{
    public void OnGet()
    {
    }
}
