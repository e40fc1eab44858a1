using Exchange.Core.Accounts;
using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The link from the confirmation email. A bad link says whether it expired, was used (the account is
/// confirmed already) or is not the exchange's; an unknown user's link is one the exchange did not send.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<ExchangeUser> users, AccountLinks links) : PageModel
{
    public bool Confirmed { get; private set; }

    public AccountLinkCheck Link { get; private set; } = AccountLinkCheck.Unknown;

    public async Task OnGetAsync(string? userId, string? code)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        var token = AccountEmails.Decode(code);
        Link = links.Check(token, user, UserManager<ExchangeUser>.ConfirmEmailTokenPurpose);
        if (Link.IsValid && user!.EmailConfirmed)
            Link = AccountLinkCheck.Used;
        if (!Link.IsValid)
            return;
        Confirmed = (await users.ConfirmEmailAsync(user!, token!)).Succeeded;
        if (!Confirmed)
            Link = AccountLinkCheck.Unknown;
    }
}
