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
    private readonly ShiftedClock clock = new();

    protected override ExchangeAppFactory CreateApp() => new ShiftedClockAppFactory(clock)
    {
        Settings = { ["Identity:RequireConfirmedAccount"] = "true", ["Notices:EmailInterval"] = "00:00:00.500", ["Notices:DispatchInterval"] = "00:00:00.500" },
    };

    [Fact]
    public async Task A_new_user_registers_follows_the_mailed_link_to_confirm_and_then_signs_in()
    {
        var page = await NewPageAsync();
        await RegisterAsync(page, "carol@example.com");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("a[href*='ConfirmEmail']").CountAsync());

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

    [Fact]
    public async Task A_user_changes_the_email_from_the_link_sent_to_the_new_address_signs_in_with_it_and_the_old_address_is_told()
    {
        await App.CreateAsync("fay@example.com");
        var page = await NewPageAsync();
        await page.LogInAsync("fay@example.com");
        await page.GotoAsync("/Identity/Account/Manage/Email");
        await page.GetByLabel("New email").FillAsync("fay.new@example.com");
        await page.GetByLabel("Current password").FillAsync(AccountSteps.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change email" }).ClickAsync();
        await Assertions.Expect(page.GetByText("A link to confirm the change is on its way to the new address")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#current-email")).ToHaveTextAsync("fay@example.com");

        var mail = await App.MailAsync("fay.new@example.com", "Confirm your new email");
        await page.GotoAsync(mail.LinkTo("/Identity/Account/ConfirmEmailChange"));
        await Assertions.Expect(page.Locator("#confirmed")).ToBeVisibleAsync();
        var told = await App.MailAsync("fay@example.com", "Your account's email was changed");
        Assert.Contains("fay.new@example.com", told.Text, StringComparison.Ordinal);

        var other = await NewPageAsync();
        await LogInFormAsync(other, "fay@example.com", AccountSteps.Password);
        await Assertions.Expect(other.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is not right");
        await other.LogInAsync("fay.new@example.com");
    }

    [Fact]
    public async Task A_used_reset_link_says_it_was_used_and_an_altered_one_says_it_is_not_the_exchanges_and_neither_changes_the_password()
    {
        await App.CreateAsync("gus@example.com");
        var page = await NewPageAsync();
        await page.GotoAsync("/Identity/Account/ForgotPassword");
        await page.GetByLabel("Email").FillAsync("gus@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        var link = (await App.MailAsync("gus@example.com", "Reset your password")).LinkTo("/Identity/Account/ResetPassword");
        await ResetAsync(page, link, "gus@example.com", "First-new-pass-1");
        await Assertions.Expect(page.GetByText("Your password has been reset")).ToBeVisibleAsync();

        await ResetAsync(page, link, "gus@example.com", "Second-new-pass-2");
        await Assertions.Expect(page.Locator("#link-used")).ToContainTextAsync("This link was already used");
        await ResetAsync(page, Altered(link), "gus@example.com", "Third-new-pass-3");
        await Assertions.Expect(page.Locator("#link-unknown")).ToContainTextAsync("This is not a link the exchange sent");

        await LogInFormAsync(page, "gus@example.com", "First-new-pass-1");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_expired_confirmation_link_says_so_and_when_and_confirms_nothing_and_an_altered_one_says_it_is_not_the_exchanges()
    {
        var page = await NewPageAsync();
        await RegisterAsync(page, "hal@example.com");
        var link = (await App.MailAsync("hal@example.com", "Confirm your email")).LinkTo("/Identity/Account/ConfirmEmail");

        await page.GotoAsync(Altered(link));
        await Assertions.Expect(page.Locator("#link-unknown")).ToContainTextAsync("This is not a link the exchange sent");
        clock.Advance(TimeSpan.FromDays(2));
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("#link-expired")).ToContainTextAsync("This link expired on");

        await LogInFormAsync(page, "hal@example.com", AccountSteps.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Confirm your email first");
    }

    private static async Task ResetAsync(IPage page, string link, string email, string password)
    {
        await page.GotoAsync(link);
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("#Input_ConfirmPassword").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset" }).ClickAsync();
    }

    /// <summary>The link with one character of its code changed, as a cut or tampered link arrives.</summary>
    private static string Altered(string link)
    {
        var at = link.IndexOf("code=", StringComparison.Ordinal) + "code=".Length + 20;
        return link[..at] + (link[at] == 'A' ? 'B' : 'A') + link[(at + 1)..];
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
