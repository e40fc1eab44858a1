using Exchange.Core.Accounts;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.Accounts;

/// <summary>
/// A page left open keeps its sign-in only as long as the account allows it: the revalidation
/// (here every 2 seconds) ends it once the password changed in another session or the operator
/// role was taken away.
/// </summary>
public class SessionRevalidationBrowserTests(Browser browser) : BrowserTest(browser)
{
    protected override ExchangeAppFactory CreateApp() => new() { Settings = { ["Security:RevalidateInterval"] = "00:00:02" } };

    protected override async Task SeedAsync()
    {
        await App.CreateAsync("victim@example.com");
        await App.CreateAsync("ops@example.com", isOperator: true);
    }

    [Fact]
    public async Task An_open_dashboard_is_signed_out_once_the_password_is_changed_in_another_session()
    {
        var stolen = await NewPageAsync();
        await stolen.LogInAsync("victim@example.com");
        await Assertions.Expect(stolen.Locator("#balances")).ToBeVisibleAsync();

        var owner = await NewPageAsync();
        await owner.LogInAsync("victim@example.com");
        await owner.GotoAsync("/Identity/Account/Manage/ChangePassword");
        await owner.GetByLabel("Current password", new() { Exact = true }).FillAsync(AccountSteps.Password);
        await owner.GetByLabel("New password", new() { Exact = true }).FillAsync("Owner-pass-456");
        await owner.GetByLabel("Confirm new password", new() { Exact = true }).FillAsync("Owner-pass-456");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Update password" }).ClickAsync();
        await Assertions.Expect(owner.GetByText("Your password has been changed.")).ToBeVisibleAsync();

        await Assertions.Expect(stolen.GetByRole(AriaRole.Link, new() { Name = "Create an account" })).ToBeVisibleAsync();
        await Assertions.Expect(stolen.Locator("#balances")).ToHaveCountAsync(0);
        await Assertions.Expect(stolen.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToHaveCountAsync(0);
        await owner.GotoAsync("/");
        await Assertions.Expect(owner.Locator("#balances")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_open_operator_page_is_signed_out_once_the_operator_role_is_taken_away()
    {
        var page = await NewPageAsync();
        await page.LogInAsync("ops@example.com");
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operator overview" })).ToBeVisibleAsync();

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>();
            Assert.True((await users.RemoveFromRoleAsync((await users.FindByEmailAsync("ops@example.com"))!, Roles.Operator)).Succeeded);
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
        Assert.Contains("/Identity/Account/Login?ReturnUrl=%2Foperator", page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operator overview" })).ToHaveCountAsync(0);
    }
}
