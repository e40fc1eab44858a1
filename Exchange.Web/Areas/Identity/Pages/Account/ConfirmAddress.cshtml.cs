using Exchange.Core.AddressBook;
using Exchange.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The link mailed when an address is added to the withdrawal address book. A visit shows the
/// address (a mail scanner that fetches links confirms nothing); the post confirms it
/// (<see cref="AddressConfirmations"/>). The link is the proof: no sign-in is needed.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class ConfirmAddressModel(AddressConfirmations confirmations, IOptions<AddressBookOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public AddressConfirmation? Confirmation { get; private set; }

    public string Delay => AddressBookNotices.Duration(options.Value.ActivationDelay);

    public async Task OnGetAsync() => Confirmation = await confirmations.CheckAsync(Token, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        Confirmation = await confirmations.ConfirmAsync(Token, HttpContext.RequestAborted);
        return Page();
    }
}
