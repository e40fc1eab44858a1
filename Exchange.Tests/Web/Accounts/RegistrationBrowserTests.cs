using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.Accounts;

public class RegistrationBrowserTests(Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_new_user_registers_and_lands_on_a_dashboard_with_zero_balances()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();

        await page.WaitForURLAsync("**/Identity/Account/Register**");
        await page.GetByLabel("Email").FillAsync("alice@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Alice-pass-123");
        await page.GetByLabel("Confirm Password").FillAsync("Alice-pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();

        await page.WaitForURLAsync(BaseAddress.ToString());
        var balances = page.Locator("#balances");
        await Assertions.Expect(balances.Locator("td[data-coin='MIOTA']")).ToBeVisibleAsync();
        await Assertions.Expect(RowOf(balances, "MIOTA").Locator("[data-field='available']")).ToHaveTextAsync("0 MIOTA");
        await Assertions.Expect(RowOf(balances, "BTC").Locator("[data-field='available']")).ToHaveTextAsync("0 BTC");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
    }

    private static ILocator RowOf(ILocator table, string coin) =>
        table.Locator("tr", new() { Has = table.Page.Locator($"td[data-coin='{coin}']") });
}
