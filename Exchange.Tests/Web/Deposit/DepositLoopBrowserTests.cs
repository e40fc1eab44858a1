using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.Deposit;

/// <summary>The whole deposit loop in chromium, with the jobs and the emulator on their own timers, never reloading the page.</summary>
public class DepositLoopBrowserTests(Browser browser) : BrowserTest(browser)
{
    // Hub's monitor sees the deposit within a second; its sweep (the credit) waits until the test has watched the deposit incoming.
    protected override ExchangeAppFactory CreateApp() => new() { Jobs = true, HoldHubSweeps = true };

    [Fact]
    public async Task A_user_requests_an_address_sends_test_tokens_and_sees_them_incoming_then_credited_live()
    {
        await App.CreateAsync("dora@example.com");
        var page = await NewPageAsync();
        await page.LogInAsync("dora@example.com");

        await page.GetByRole(AriaRole.Link, new() { Name = "Deposit" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Request one" }).ClickAsync();
        await Assertions.Expect(page.Locator("#deposit-address")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Z9]{90}$"));
        await Assertions.Expect(page.Locator("[data-state='waiting']")).ToBeVisibleAsync();

        await page.GetByLabel("Amount (MIOTA)").FillAsync("12.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send test tokens" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-state='incoming']")).ToContainTextAsync("12.5 MIOTA", new() { Timeout = 30_000 });
        App.StartHubSweeps();
        await Assertions.Expect(page.Locator("[data-state='credited']")).ToContainTextAsync("12.5 MIOTA", new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Assertions.Expect(page.Locator("td[data-coin='MIOTA'] ~ td[data-field='available']")).ToHaveTextAsync("12.5 MIOTA");
    }
}
