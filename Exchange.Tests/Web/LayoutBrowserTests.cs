using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Exchange.Tests.Web;

/// <summary>The layout every page shares, in chromium: the theme's light and dark mode and the navigation drawer.</summary>
public class LayoutBrowserTests(Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_dark_mode_switch_darkens_the_page_and_the_light_mode_switch_brings_it_back()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(255, 255, 255)");

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(50, 51, 61)");

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(255, 255, 255)");
    }

    [Fact]
    public async Task On_a_wide_screen_the_drawer_starts_open_and_the_menu_button_closes_and_reopens_it()
    {
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        var dashboard = page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" });
        await Assertions.Expect(dashboard).ToBeInViewportAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Assertions.Expect(dashboard).Not.ToBeInViewportAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Assertions.Expect(dashboard).ToBeInViewportAsync();
    }

    [Fact]
    public async Task On_a_narrow_screen_the_drawer_starts_closed_and_the_menu_button_opens_it()
    {
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(600, 800);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        var dashboard = page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" });
        await Assertions.Expect(dashboard).Not.ToBeInViewportAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Assertions.Expect(dashboard).ToBeInViewportAsync();
    }
}
