using Microsoft.AspNetCore.Mvc;

namespace Exchange.Web.Accounts;

public static class AccountUrls
{
    /// <summary>Where to go after a form: the given address when it is on this site, else the dashboard (no open redirect).</summary>
    public static string LocalOrHome(IUrlHelper url, string? returnUrl) => url.IsLocalUrl(returnUrl) ? returnUrl : url.Content("~/");
}
