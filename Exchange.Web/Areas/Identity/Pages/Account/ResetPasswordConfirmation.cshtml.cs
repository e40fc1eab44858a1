using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>After a reset: the old password and every session with it are gone.</summary>
[AllowAnonymous]
public sealed class ResetPasswordConfirmationModel : PageModel
{
    public void OnGet()
    {
    }
}
