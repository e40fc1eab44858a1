using Exchange.Core.Accounts;
using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>Logs out on a post (with the form's antiforgery token); a visit only offers the button, so no link elsewhere can log anyone out.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<ExchangeUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        await signIn.SignOutAsync();
        return returnUrl is not null ? LocalRedirect(AccountUrls.LocalOrHome(Url, returnUrl)) : RedirectToPage();
    }
}
