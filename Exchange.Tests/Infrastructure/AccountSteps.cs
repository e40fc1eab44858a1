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

    /// <summary>Turns two-factor authentication on for the user as the set-up page would, and returns the authenticator key for <see cref="Totp"/>.</summary>
    public static async Task<string> EnableTwoFactorAsync<TEntry>(this WebApplicationFactory<TEntry> app, string email) where TEntry : class
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await TwoFactorSteps.EnableAsync(scope.ServiceProvider, email);
    }

    /// <summary>Turns two-factor on for an operator, who then gives a fresh code with every write (every operator write needs one).</summary>
    internal static async Task<SteppedUpOperator> SteppedUpAsync<TEntry>(this WebApplicationFactory<TEntry> app, string email) where TEntry : class =>
        new(await app.UserIdAsync(email), await app.EnableTwoFactorAsync(email), TimeProvider.System);

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

    /// <summary>Logs in a user with two-factor on through the login and authenticator-code forms, and waits for the dashboard.</summary>
    public static async Task LogInAsync(this IPage page, string email, string twoFactorKey)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.GetByLabel("Authenticator code").FillAsync(Totp.Next(twoFactorKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
    }

    /// <summary>An HTTP client signed in by posting the real login form; it keeps the cookie and does not follow redirects.</summary>
    public static async Task<HttpClient> LoggedInClientAsync<TEntry>(this WebApplicationFactory<TEntry> app, string email, Uri? baseAddress = null) where TEntry : class
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = true, BaseAddress = baseAddress ?? new Uri("http://localhost"),
        });
        var form = await client.GetStringAsync("/Identity/Account/Login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = Password, ["Input.RememberMe"] = "false", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>
    /// A live key with these scopes (all user scopes when none are given), stored directly: the
    /// rules for creating one (two-factor code, operator scopes) have tests of their own.
    /// </summary>
    public static async Task<string> ApiKeyAsync<TEntry>(this WebApplicationFactory<TEntry> app, string email, params string[] scopes) where TEntry : class
    {
        var (key, secret) = Exchange.Core.Accounts.ApiKey.Create(await app.UserIdAsync(email), "tests",
            scopes.Length == 0 ? [Exchange.Core.Accounts.ApiKeyScopes.Read, Exchange.Core.Accounts.ApiKeyScopes.Withdraw] : scopes, DateTime.UtcNow);
        await using var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Exchange.Core.Data.ExchangeDbContext>>().CreateDbContextAsync();
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return secret;
    }

    /// <summary>An HTTP client signed in by a new API key with these scopes (see <see cref="ApiKeyAsync{TEntry}"/>); it does not follow redirects.</summary>
    public static async Task<HttpClient> KeyClientAsync<TEntry>(this WebApplicationFactory<TEntry> app, string email, params string[] scopes) where TEntry : class
    {
        var secret = await app.ApiKeyAsync(email, scopes);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    /// <summary>Waits until the Blazor circuit is up, so clicks reach .NET instead of a prerendered page.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("#interactivity[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
}
