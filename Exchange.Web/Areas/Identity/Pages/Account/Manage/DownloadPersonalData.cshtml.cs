using Exchange.Core.Accounts;
using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>The personal-data download (a post from the Personal data page): only the fields <see cref="PersonalDataExport"/> names, never a secret.</summary>
[Authorize]
public sealed class DownloadPersonalDataModel(UserManager<ExchangeUser> users, PersonalDataExport export) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("./PersonalData");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return NotFound();
        return File(await export.JsonOfAsync(user), "application/json", "PersonalData.json");
    }
}
