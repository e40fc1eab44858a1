using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.Accounts;

public class TwoFactorBrowserTests(Browser browser) : BrowserTest(browser)
{
    protected override Task SeedAsync() => App.CreateAsync("bob@example.com");

    [Fact]
    public async Task A_user_sets_up_an_authenticator_from_its_qr_code_and_then_needs_a_code_to_log_in()
    {
        var page = await NewPageAsync();
        await page.LogInAsync("bob@example.com");

        await page.GotoAsync("/Identity/Account/Manage/EnableAuthenticator");
        var qr = page.Locator("#qrCode img");
        await Assertions.Expect(qr).ToBeVisibleAsync();
        await qr.EvaluateAsync("img => img.decode()");
        Assert.True(await qr.EvaluateAsync<int>("img => img.naturalWidth") > 100, "the QR code image did not load");

        var key = await page.Locator("kbd").First.InnerTextAsync();
        await page.GetByLabel("Verification Code").FillAsync(Totp.Next(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your authenticator app has been verified.")).ToBeVisibleAsync();

        var next = await NewPageAsync();
        await next.GotoAsync("/Identity/Account/Login");
        await next.GetByLabel("Email").FillAsync("bob@example.com");
        await next.GetByLabel("Password").FillAsync(AccountSteps.Password);
        await next.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(next.GetByRole(AriaRole.Heading, new() { Name = "Two-factor authentication" })).ToBeVisibleAsync();
        await next.GetByLabel("Authenticator code").FillAsync(Totp.Next(key));
        await next.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(next.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
    }
}
