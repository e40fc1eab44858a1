using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Exchange.Tests.Infrastructure;

public static class AccountSteps
{
    public const string Password = "Test-pass-123";

    public static async Task CreateAsync<TEntry>(this WebApplicationFactory<TEntry> app, string email, bool isOperator = false)
        where TEntry : class
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<OperatorAccounts>().CreateAsync(email, Password, isOperator);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
    }

    public static async Task<string> UserIdAsync<TEntry>(this WebApplicationFactory<TEntry> app, string email) where TEntry : class
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Exchange.Core.Accounts.ExchangeUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }

    /// <summary>Logs in through the real login form and waits for the dashboard.</summary>
    public static async Task LogInAsync(this IPage page, string email)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Waits until the Blazor circuit is up, so clicks reach .NET instead of a prerendered page.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("#interactivity[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
}
