using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Razor.Hosting;

namespace Exchange.Web.Accounts;

/// <summary>
/// Serves only the account pages this app defines under <c>Areas/Identity/Pages</c>. Every other page
/// of the Identity UI package (external logins, setting a first password, deleting the account, its
/// error page, and any page a later version of the package adds) gets no route and answers 404: a
/// stock page is never reachable by accident, each one is written here on purpose or is absent.
/// </summary>
public sealed class OwnAccountPagesOnly : IPageRouteModelConvention
{
    public const string Area = "Identity";

    private const string PageKind = "mvc.1.0.razor-page";

    private static readonly HashSet<string> OwnPages = new RazorCompiledItemLoader().LoadItems(typeof(OwnAccountPagesOnly).Assembly)
        .Where(item => item.Kind == PageKind && item.Identifier.StartsWith("/Areas/Identity/Pages/", StringComparison.Ordinal))
        .Select(item => item.Identifier)
        .ToHashSet(StringComparer.Ordinal);

    public static bool IsOwn(string relativePath) => OwnPages.Contains(relativePath);

    public void Apply(PageRouteModel model)
    {
        if (model.AreaName == Area && !IsOwn(model.RelativePath))
            model.Selectors.Clear();
    }
}
