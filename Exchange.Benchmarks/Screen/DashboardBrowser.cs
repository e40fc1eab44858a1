using System.Text.Json;
using Exchange.Benchmarks.Serving;
using Microsoft.Playwright;

namespace Exchange.Benchmarks.Screen;

/// <summary>
/// A headless Debian chromium (or <c>EXCHANGE_CHROMIUM</c>), driven by Playwright, signed in through
/// the login form and left on its live dashboard.
/// </summary>
internal sealed class DashboardBrowser : IAsyncDisposable
{
    public const string ChromiumVariable = "EXCHANGE_CHROMIUM";

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly IPage page;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, IPage page) => (this.playwright, this.browser, this.page) = (playwright, browser, page);

    /// <summary>Where chromium is, or null when there is none.</summary>
    public static string? Chromium()
    {
        var configured = Environment.GetEnvironmentVariable(ChromiumVariable);
        if (!string.IsNullOrEmpty(configured)) return configured;
        return File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
    }

    public static async Task<DashboardBrowser> SignInAsync(string chromium, Uri server, string email, string password)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { [LoopbackProxyHandler.ForwardedProto] = Uri.UriSchemeHttps },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Identity/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" }).WaitForAsync();
        // The circuit is up: from here on the page changes only by what the server pushes.
        await page.Locator("#interactivity[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return new DashboardBrowser(playwright, browser, page);
    }

    /// <summary>A fresh deposit address from the JSON API, on the page's own login cookie (with the antiforgery header it needs).</summary>
    public async Task<string> NewDepositAddressAsync()
    {
        var api = page.Context.APIRequest;
        var antiforgery = await JsonAsync(await api.GetAsync("/api/v1/antiforgery-token"));
        var created = await api.PostAsync("/api/v1/deposit-address", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { [antiforgery.GetProperty("headerName").GetString()!] = antiforgery.GetProperty("token").GetString()! },
        });
        if (created.Status != 201) throw new InvalidOperationException($"No deposit address: {created.Status} {await created.TextAsync()}");
        return (await JsonAsync(created)).GetProperty("address").GetString()!;
    }

    /// <summary>
    /// From now on, the page notes the time (Unix ms, the machine's clock) at which its balance
    /// table first shows <paramref name="available"/>: a DOM observer, so the moment is the render
    /// batch's, not a poll's.
    /// </summary>
    public Task WatchForAsync(string available) => page.EvaluateAsync("""
        expected => {
          const shown = () => [...document.querySelectorAll('#balances [data-field="available"]')].some(cell => cell.textContent.trim() === expected);
          window.balanceShownAt = new Promise(resolve => {
            if (shown()) { resolve(Date.now()); return; }
            const observer = new MutationObserver(() => { if (shown()) { observer.disconnect(); resolve(Date.now()); } });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          });
        }
        """, available);

    /// <summary>When the watched balance appeared (Unix ms), or null when it did not within <paramref name="within"/>.</summary>
    public async Task<long?> ShownAtAsync(TimeSpan within)
    {
        var shown = page.EvaluateAsync<long>("() => window.balanceShownAt");
        return await Task.WhenAny(shown, Task.Delay(within)) == shown ? await shown : null;
    }

    private static async Task<JsonElement> JsonAsync(IAPIResponse response) =>
        JsonDocument.Parse(await response.TextAsync()).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
