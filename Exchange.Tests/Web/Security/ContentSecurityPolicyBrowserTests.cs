using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.Security;

/// <summary>Blazor Server, MudBlazor and the Identity pages all work under the exchange's Content-Security-Policy, which the browser enforces.</summary>
public class ContentSecurityPolicyBrowserTests(Browser browser) : BrowserTest(browser)
{
    // Each document records what the browser refused, before any of the page's own scripts run.
    private const string Listener = """
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    private string userId = "";

    protected override async Task SeedAsync()
    {
        await App.CreateAsync("ops@example.com", isOperator: true);
        await App.CreateAsync("alice@example.com");
        userId = await App.UserIdAsync("alice@example.com");
    }

    private async Task<(IPage Page, List<string> Console)> WatchedPageAsync()
    {
        var page = await NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (console) console.Add(message.Text);
        };
        await page.AddInitScriptAsync(Listener);
        return (page, console);
    }

    private static async Task<string[]> ViolationsAsync(IPage page) => await page.EvaluateAsync<string[]>("() => window.__csp");

    [Fact]
    public async Task The_users_operators_and_identity_pages_become_interactive_with_no_violation()
    {
        var (page, console) = await WatchedPageAsync();
        var login = await page.GotoAsync("/Identity/Account/Login");
        Assert.Contains("script-src 'self' 'nonce-", await login!.HeaderValueAsync("content-security-policy"));
        Assert.Empty(await ViolationsAsync(page));
        await page.LogInAsync("ops@example.com");

        foreach (var path in new[] { "/", "/deposit", "/withdraw", "/settings/api-keys", "/operator", "/operator/withdrawals", $"/operator/users/{userId}" })
        {
            await page.GotoAsync(path);
            await page.WaitForInteractiveAsync();
            Assert.True((await ViolationsAsync(page)).Length == 0, $"{path}: {string.Join(", ", await ViolationsAsync(page))}");
        }
        foreach (var path in new[] { "/Identity/Account/Manage", "/Identity/Account/Manage/EnableAuthenticator" })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.True((await ViolationsAsync(page)).Length == 0, $"{path}: {string.Join(", ", await ViolationsAsync(page))}");
        }
        Assert.Empty(console);
    }

    [Fact]
    public async Task An_interactive_page_refuses_an_injected_inline_script()
    {
        var (page, _) = await WatchedPageAsync();
        await page.LogInAsync("ops@example.com");
        await page.GotoAsync("/withdraw");
        // Interactive means the circuit's WebSocket is up under connect-src 'self'.
        await page.WaitForInteractiveAsync();

        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.appendChild(s); }");

        Assert.False(await page.EvaluateAsync<bool>("() => window.__ran === true"));
        Assert.Contains(await ViolationsAsync(page), v => v.StartsWith("script-src", StringComparison.Ordinal));
    }
}
