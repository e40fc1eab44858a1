using Exchange.Core.AddressBook;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.AddressBook;

/// <summary>
/// The address book end to end on a phone-sized screen: the mail travels over SMTP, its link is
/// followed in another browser that is not signed in, and the app's clock is moved past the
/// activation delay before the withdrawal to the saved address goes.
/// </summary>
public class AddressBookBrowserTests(Browser browser) : BrowserTest(browser)
{
    private const string Saver = "saver@example.com";
    private readonly ShiftedClock clock = new();

    protected override ExchangeAppFactory CreateApp() => new ShiftedClockAppFactory(clock)
    {
        Settings = { ["Notices:DispatchInterval"] = "00:00:00.500", ["Notices:EmailInterval"] = "00:00:00.500" },
    };

    protected override async Task SeedAsync()
    {
        await App.CreateAsync(Saver);
        await App.DepositThroughHubAsync(Saver, 50_000_000);
    }

    [Fact]
    public async Task A_user_adds_an_address_confirms_it_from_the_mail_and_withdraws_to_it_once_the_delay_has_passed()
    {
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.LogInAsync(Saver);
        await page.GotoAsync("/address-book");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Label").FillAsync("My Ledger");
        await page.GetByLabel("Address (90 characters with checksum)").FillAsync(TestAddresses.Payout);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add address" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='address-added']")).ToContainTextAsync("“My Ledger” was added.");
        await Assertions.Expect(page.Locator("[data-field='entry-status']")).ToContainTextAsync("Waiting for your confirmation");

        var mail = await App.ReceivedAsync(Saver, "New withdrawal address: My Ledger");
        Assert.Contains(TestAddresses.Payout, mail.Text, StringComparison.Ordinal);
        var fromMail = await NewPageAsync();
        await fromMail.SetViewportSizeAsync(390, 844);
        await fromMail.GotoAsync(mail.PathTo(AddressConfirmations.PagePath));
        await Assertions.Expect(fromMail.Locator("[data-field='address']")).ToHaveTextAsync(TestAddresses.Payout);
        await fromMail.GetByRole(AriaRole.Button, new() { Name = "Confirm this address" }).ClickAsync();
        await Assertions.Expect(fromMail.Locator("#address-confirmed")).ToContainTextAsync("Confirmed: withdrawals to “My Ledger” are possible from");
        await Assertions.Expect(page.Locator("[data-field='entry-status']")).ToContainTextAsync("Confirmed: usable from");

        await page.GotoAsync("/withdraw");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Send to").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { NameRegex = new("^My Ledger .*usable from") })).ToBeDisabledAsync();
        await page.Keyboard.PressAsync("Escape");

        clock.Advance(TimeSpan.FromHours(24));
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Send to").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "My Ledger — FJHSSHBZT…TDDASB" }).ClickAsync();
        // The server has taken the choice once the field for a new address is gone; a click before that withdraws to no address.
        await Assertions.Expect(page.GetByLabel("Destination address")).ToBeHiddenAsync();
        await page.GetByLabel("Amount (MIOTA)").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync($"Send 2 MIOTA to “My Ledger” ({TestAddresses.Payout})?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-field='withdraw-outcome']")).ToContainTextAsync("Withdrawal requested.");
        await Assertions.Expect(page.Locator("[data-withdrawal]")).ToContainTextAsync(TestAddresses.Payout);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "the withdraw page is wider than a phone");
    }
}
