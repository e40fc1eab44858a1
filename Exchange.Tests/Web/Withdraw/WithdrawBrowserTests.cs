using Exchange.Core.Ledger;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.Withdraw;

/// <summary>Withdrawing in chromium against the real app, the jobs and the emulator running on their own.</summary>
public class WithdrawBrowserTests(Browser browser) : BrowserTest(browser)
{
    protected override ExchangeAppFactory CreateApp() => new() { Jobs = true };

    protected override async Task SeedAsync()
    {
        await App.CreateAsync("erin@example.com");
        // A real deposit through the emulator and the jobs, so the hot wallet holds what is paid out.
        await App.DepositThroughHubAsync("erin@example.com", 50_000_000);
    }

    [Fact]
    public async Task Bad_inputs_show_their_messages_as_you_type_and_change_no_balance()
    {
        var page = await NewPageAsync();
        await page.LogInAsync("erin@example.com");
        await page.GotoAsync("/withdraw");
        await page.WaitForInteractiveAsync();

        await page.GetByLabel("Amount (MIOTA)").FillAsync("1,5");
        await Assertions.Expect(page.GetByText("Use '.' as the decimal point")).ToBeVisibleAsync();
        await page.GetByLabel("Amount (MIOTA)").FillAsync("60");
        await Assertions.Expect(page.GetByText("You have 50 MIOTA available.")).ToBeVisibleAsync();
        await page.GetByLabel("Destination address").FillAsync("A" + TestAddresses.Payout[1..]);
        await Assertions.Expect(page.GetByText("The checksum does not match")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-field='withdraw-outcome']")).ToContainTextAsync("Please correct the highlighted fields");
        Assert.Equal(50_000_000, (await App.Services.GetRequiredService<LedgerService>().AccountsOfAsync(await App.UserIdAsync("erin@example.com"), TestContext.Current.CancellationToken)).Single().Available);
    }

    [Fact]
    public async Task A_withdrawal_is_confirmed_and_its_timeline_follows_it_without_a_reload()
    {
        var page = await NewPageAsync();
        await page.LogInAsync("erin@example.com");
        await page.GotoAsync("/withdraw");
        await page.WaitForInteractiveAsync();

        await page.FillWithdrawFormAsync("2.5");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync(TestAddresses.Payout);
        // The whole destination must be readable before confirming: nothing cut off at the dialog's edge.
        Assert.True(await dialog.EvaluateAsync<bool>("d => [d, ...d.querySelectorAll('*')].every(e => e.scrollWidth <= e.clientWidth + 1)"),
            "the confirmation dialog cuts off the destination address");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-field='withdraw-outcome']")).ToContainTextAsync("Withdrawal requested");
        var confirmed = page.Locator("[data-withdrawal] li.done[data-step='confirmed']");
        await Assertions.Expect(confirmed).ToBeVisibleAsync(new() { Timeout = 40_000 });

        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        var kinds = page.Locator("#history [data-field='kind']");
        await Assertions.Expect(kinds).ToHaveTextAsync(["Withdrawal paid out", "Withdrawal requested (reserved)", "Deposit credited"]);
    }
}
