using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>What the exchange keeps about the user, to download; accounts are not deleted from here (see the page).</summary>
[Authorize]
public sealed class PersonalDataModel : PageModel
{
    public void OnGet()
    {
    }
}
