using Exchange.Core.Accounts;
using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>The link from the confirmation email. An unknown user and a wrong or used link get the same answer.</summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<ExchangeUser> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code)
    {
        if (userId is null || AccountEmails.Decode(code) is not { } token || await users.FindByIdAsync(userId) is not { } user)
            return;
        Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }
}
