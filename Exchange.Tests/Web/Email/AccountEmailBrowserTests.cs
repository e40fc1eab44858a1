using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.Email;

/// <summary>
/// The account mails end to end in chromium: each travels over SMTP (MailKit to the embedded server),
/// is read back with MimeKit, and its link is followed in the browser. Confirmed accounts are required,
/// as outside Development.
/// </summary>
public class AccountEmailBrowserTests(Browser browser) : BrowserTest(browser)
{
    protected override ExchangeAppFactory CreateApp() => new()
    {
        Settings = { ["Identity:RequireConfirmedAccount"] = "true", ["Notices:EmailInterval"] = "00:00:00.500", ["Notices:DispatchInterval"] = "00:00:00.500" },
    };

    [Fact]
    public async Task A_new_user_registers_follows_the_mailed_link_to_confirm_and_then_signs_in()
    {
        var page = await NewPageAsync();
        await RegisterAsync(page, "carol@example.com");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();

        await LogInFormAsync(page, "carol@example.com", AccountSteps.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Confirm your email first");

        var mail = await App.MailAsync("carol@example.com", "Confirm your email");
        Assert.Contains("Confirm your account", mail.Text, StringComparison.Ordinal);
        await page.GotoAsync(mail.LinkTo("/Identity/Account/ConfirmEmail"));
        await Assertions.Expect(page.Locator("#confirmed")).ToBeVisibleAsync();

        await page.LogInAsync("carol@example.com");
    }

    [Fact]
    public async Task A_user_who_forgot_the_password_resets_it_from_the_mailed_link_signs_in_with_the_new_one_and_is_told_of_the_change()
    {
        await App.CreateAsync("dave@example.com");
        var page = await NewPageAsync();
        await page.GotoAsync("/Identity/Account/ForgotPassword");
        await page.GetByLabel("Email").FillAsync("dave@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Assertions.Expect(page.GetByText("a link to choose a new password is on its way")).ToBeVisibleAsync();

        var mail = await App.MailAsync("dave@example.com", "Reset your password");
        await page.GotoAsync(mail.LinkTo("/Identity/Account/ResetPassword"));
        await page.Locator("#Input_Email").FillAsync("dave@example.com");
        await page.Locator("#Input_Password").FillAsync("Brand-new-pass-9");
        await page.Locator("#Input_ConfirmPassword").FillAsync("Brand-new-pass-9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your password has been reset")).ToBeVisibleAsync();

        await LogInFormAsync(page, "dave@example.com", "Brand-new-pass-9");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        var told = await App.MailAsync("dave@example.com", "Your password was changed");
        Assert.Contains("If it was not you", told.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_an_address_that_has_an_account_answers_as_for_a_new_one_and_mails_its_owner()
    {
        await App.CreateAsync("erin@example.com");
        var page = await NewPageAsync();
        await RegisterAsync(page, "erin@example.com");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        var mail = await App.MailAsync("erin@example.com", "Someone tried to register with your address");
        Assert.Contains("No account was created", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(App.Mailbox().All, m => m.Subject.Contains("Confirm your email", StringComparison.Ordinal));
    }

    private static async Task RegisterAsync(IPage page, string email)
    {
        await page.GotoAsync("/Identity/Account/Register");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(AccountSteps.Password);
        await page.GetByLabel("Confirm Password").FillAsync(AccountSteps.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
    }

    private static async Task LogInFormAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }
}
