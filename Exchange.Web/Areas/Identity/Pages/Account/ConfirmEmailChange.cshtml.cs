using Exchange.Core.Accounts;
using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The link sent to a new address (asked for on the Email page, which takes the password). The
/// email is also the user name, so both change; the new security stamp revokes API keys and starts
/// the withdrawal hold. A bad link says whether it expired, was used or is not the exchange's.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmEmailChangeModel(UserManager<ExchangeUser> users, SignInManager<ExchangeUser> signIn, AccountLinks links) : PageModel
{
    public bool Changed { get; private set; }

    public AccountLinkCheck Link { get; private set; } = AccountLinkCheck.Unknown;

    /// <summary>Why a good link changed nothing (the address taken meanwhile).</summary>
    public string? Problem { get; private set; }

    public async Task OnGetAsync(string? userId, string? email, string? code)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        var token = AccountEmails.Decode(code);
        Link = email is null ? AccountLinkCheck.Unknown : links.Check(token, user, UserManager<ExchangeUser>.GetChangeEmailTokenPurpose(email));
        if (!Link.IsValid)
            return;
        var changed = await users.ChangeEmailAsync(user!, email!, token!);
        if (changed.Succeeded)
            changed = await users.SetUserNameAsync(user!, email);
        if (!changed.Succeeded)
        {
            Problem = string.Join(" ", changed.Errors.Select(e => e.Description));
            return;
        }
        Changed = true;
        await signIn.RefreshSignInAsync(user!);
    }
}
