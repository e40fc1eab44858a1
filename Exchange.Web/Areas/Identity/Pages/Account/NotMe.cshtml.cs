using System.Security.Claims;
using Exchange.Core.AccountFreeze;
using Exchange.Core.Accounts;
using Exchange.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>
/// "This wasn't me", the link in every security mail. A visit only shows what the link would do (a
/// mail scanner that fetches links changes nothing); the post freezes the account
/// (<see cref="AccountFreezes"/>), whoever is signed in here or nobody. An expired, used or unknown
/// link says which and changes nothing.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class NotMeModel(AccountFreezes freezes, SignInManager<ExchangeUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public FreezeCheck? Check { get; private set; }

    public bool Frozen { get; private set; }

    public async Task OnGetAsync() => Check = await freezes.CheckAsync(Token, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        Check = await freezes.FreezeAsync(Token, HttpContext.RequestAborted);
        Frozen = Check.Link.IsValid;
        // The new security stamp ends this browser's sign-in at its next check; the owner's own browser ends it now.
        if (Frozen && signIn.IsSignedIn(User) && signIn.UserManager.GetUserId(User) == Check.Link.Token!.UserId)
        {
            await signIn.SignOutAsync();
            HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        return Page();
    }
}
