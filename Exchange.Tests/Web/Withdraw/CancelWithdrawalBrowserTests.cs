using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.Withdraw;

/// <summary>With the jobs held (nothing goes to Hub by itself), a user cancels a withdrawal and sees the amount come back.</summary>
public class CancelWithdrawalBrowserTests(Browser browser) : BrowserTest(browser)
{
    protected override async Task SeedAsync()
    {
        await App.CreateAsync("finn@example.com");
        await App.DepositThroughHubAsync("finn@example.com", 50_000_000);
    }

    [Fact]
    public async Task Cancelling_before_the_sweep_returns_the_amount_to_the_balance()
    {
        var page = await NewPageAsync();
        await page.LogInAsync("finn@example.com");
        await page.GotoAsync("/withdraw");
        await page.WaitForInteractiveAsync();
        await page.RequestWithdrawalAsync("7");
        await Assertions.Expect(page.GetByText("Available: 43 MIOTA.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel withdrawal" }).ClickAsync();

        await Assertions.Expect(page.Locator("li[data-step='cancelled']")).ToHaveTextAsync("Cancelled, amount returned to your balance");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Assertions.Expect(page.Locator("td[data-coin='MIOTA'] ~ td[data-field='available']")).ToHaveTextAsync("50 MIOTA");
    }
}
