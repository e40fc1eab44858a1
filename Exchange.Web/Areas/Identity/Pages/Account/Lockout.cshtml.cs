using Exchange.Core.Accounts;
using Exchange.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>Where a two-factor step that ran into the lockout lands: it says until when, for the account whose login it was.</summary>
[AllowAnonymous]
public sealed class LockoutModel(SignInManager<ExchangeUser> signIn) : PageModel
{
    public string Sentence { get; private set; } = "Too many wrong passwords or codes: this account is locked for a while. Please try again later.";

    public async Task OnGetAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is { } user && await signIn.UserManager.GetLockoutEndDateAsync(user) is { } until
            && until > DateTimeOffset.UtcNow)
            Sentence = LockoutSentence.Until(until);
    }
}
