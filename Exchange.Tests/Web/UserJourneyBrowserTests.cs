using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Exchange.Tests.Web;

/// <summary>A new user's whole first session in chromium, against the real app with its jobs and emulator, never reloading.</summary>
public class UserJourneyBrowserTests(Browser browser) : BrowserTest(browser)
{
    // Hub sweeps (the credit) only once the test has watched the deposit incoming.
    protected override ExchangeAppFactory CreateApp() => new()
    {
        Jobs = true, HoldHubSweeps = true, Settings = { ["Explorer:BundleUrl"] = "https://explorer.example/bundle/" },
    };

    [Fact]
    public async Task Register_deposit_watch_it_credited_withdraw_to_confirmed_and_find_it_all_in_history()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/Identity/Account/Register");
        await page.GetByLabel("Email").FillAsync("gaia@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Gaia-pass-123");
        await page.GetByLabel("Confirm Password").FillAsync("Gaia-pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Deposit" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Request one" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-state='waiting']")).ToBeVisibleAsync();
        await page.GetByLabel("Amount (MIOTA)").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send test tokens" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-state='incoming']")).ToContainTextAsync("20 MIOTA", new() { Timeout = 30_000 });

        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-state='incoming']")).ToContainTextAsync("20 MIOTA");
        App.StartHubSweeps();
        await Assertions.Expect(page.Locator("td[data-coin='MIOTA'] ~ td[data-field='available']")).ToHaveTextAsync("20 MIOTA", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-state='incoming']")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Withdraw" }).ClickAsync();
        await page.RequestWithdrawalAsync("5");
        await Assertions.Expect(page.Locator("[data-withdrawal] li.done[data-step='confirmed']")).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "See the bundle in the Tangle explorer" }))
            .ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^https://explorer\\.example/bundle/[A-Z9]{81}$"));

        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Assertions.Expect(page.Locator("#history [data-field='kind']"))
            .ToHaveTextAsync(["Withdrawal paid out", "Withdrawal requested (reserved)", "Deposit credited"]);
    }
}
