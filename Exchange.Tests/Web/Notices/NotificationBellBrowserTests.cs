using System.Text.RegularExpressions;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.Notices;

/// <summary>The bell in the app bar on a phone-sized screen, kept current over the circuit.</summary>
public class NotificationBellBrowserTests(Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_bell_counts_a_credited_deposit_without_a_reload_and_the_notifications_page_marks_it_read()
    {
        await App.CreateAsync("bell@example.com");
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.LogInAsync("bell@example.com");
        var bell = page.GetByRole(AriaRole.Link, new() { Name = "Notifications, none unread" });
        await Assertions.Expect(bell).ToBeVisibleAsync();

        await App.DepositThroughHubAsync("bell@example.com", 12_500_000);

        var counted = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Notifications, [1-9] unread$") });
        await Assertions.Expect(counted).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-field='unread-count']")).ToBeVisibleAsync();
        await counted.ClickAsync();
        await Assertions.Expect(page.Locator("[data-type='deposit.credited']")).ToContainTextAsync("12.5 MIOTA was credited to your balance.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark all read" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Notifications, none unread" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-type='deposit.credited']")).ToHaveAttributeAsync("data-read", "true");
    }
}
