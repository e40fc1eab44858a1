using System.Net;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Razor.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Accounts;

/// <summary>Every page the Identity UI package ships is either the exchange's own or not served at all.</summary>
[Integration]
public sealed class AccountPagesTests(ExchangeAppFactory app) : IClassFixture<ExchangeAppFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private const string PackagePages = "/Areas/Identity/Pages/V5";

    /// <summary>The pages the package offers no safe use for here: external logins (none configured), a first password (every account has one), deleting the account, its error page.</summary>
    private static readonly string[] Removed =
    [
        "/Account/ExternalLogin", "/Account/Manage/DeletePersonalData", "/Account/Manage/ExternalLogins", "/Account/Manage/SetPassword", "/Error",
    ];

    /// <summary>Every page the package compiles (its Bootstrap 5 set, the one the app serves), as "/Account/Login".</summary>
    private static List<string> StockPages() =>
        new RazorCompiledItemLoader().LoadItems(typeof(IdentityBuilderUIExtensions).Assembly)
            .Where(item => item.Kind == "mvc.1.0.razor-page" && item.Identifier.StartsWith(PackagePages + "/", StringComparison.Ordinal))
            .Select(item => item.Identifier[PackagePages.Length..^".cshtml".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public async Task Every_stock_identity_page_is_either_gone_or_the_exchanges_own()
    {
        await app.CreateAsync("walker@example.com");
        var signedIn = await app.LoggedInClientAsync("walker@example.com");
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var pages = StockPages();
        Assert.True(pages.Count >= 30, $"the package's page list looks wrong: {string.Join(", ", pages)}");

        var gone = new List<string>();
        var problems = new List<string>();
        foreach (var page in pages)
        {
            var url = "/Identity" + page;
            var answers = new[]
            {
                await signedIn.GetAsync(url, Token), await signedIn.PostAsync(url, new FormUrlEncodedContent([]), Token), await anonymous.GetAsync(url, Token),
            };
            if (answers.All(a => a.StatusCode == HttpStatusCode.NotFound))
                gone.Add(page);
            else if (await ServedByAsync(page) is var assembly && assembly != typeof(Program).Assembly.GetName().Name)
                problems.Add($"{url} is served by {assembly ?? "no page"} ({string.Join(", ", answers.Select(a => (int)a.StatusCode))})");
            else if (answers.Any(a => (int)a.StatusCode >= 500))
                problems.Add($"{url} fails: {string.Join(", ", answers.Select(a => (int)a.StatusCode))}");
        }

        Assert.Empty(problems);
        Assert.Equal(Removed, gone);
    }

    [Fact]
    public async Task Register_confirmation_reads_the_same_for_an_email_with_an_account_and_one_without_and_hands_out_no_link()
    {
        await app.CreateAsync("registered@example.com");
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var known = await anonymous.GetAsync("/Identity/Account/RegisterConfirmation?email=registered%40example.com", Token);
        var unknown = await anonymous.GetAsync("/Identity/Account/RegisterConfirmation?email=nobody%40example.com", Token);

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var page = await known.Content.ReadAsStringAsync(Token);
        Assert.Equal(page, await unknown.Content.ReadAsStringAsync(Token));
        Assert.DoesNotContain("ConfirmEmail", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("code=", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("registered@example.com", page);
    }

    /// <summary>The assembly the page at this path is compiled in, or null when no page is routed there.</summary>
    private async Task<string?> ServedByAsync(string page)
    {
        var descriptor = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>()
            .FirstOrDefault(d => d.AreaName == "Identity" && d.ViewEnginePath == page);
        if (descriptor is null)
            return null;
        var compiled = await app.Services.GetRequiredService<PageLoader>().LoadAsync(descriptor, EndpointMetadataCollection.Empty);
        return compiled.PageTypeInfo.Assembly.GetName().Name;
    }
}
