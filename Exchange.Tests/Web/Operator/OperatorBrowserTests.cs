using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.Operator;

/// <summary>Operators at work in chromium against the real app, with the jobs and the emulator running on their own.</summary>
public class OperatorBrowserTests(Browser browser) : BrowserTest(browser)
{
    private string opsKey = "";

    protected override ExchangeAppFactory CreateApp() => new() { Jobs = true };

    protected override async Task SeedAsync()
    {
        await App.CreateAsync("ops@example.com", isOperator: true);
        opsKey = await App.EnableTwoFactorAsync("ops@example.com");
        await App.CreateAsync("gina@example.com");
    }

    [Fact]
    public async Task A_users_deposit_appears_as_a_sweep_that_turns_confirmed_without_a_reload()
    {
        var page = await NewPageAsync();
        await page.LogInAsync("ops@example.com", opsKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sweeps" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='no-sweeps']")).ToBeVisibleAsync();

        await App.DepositThroughHubAsync("gina@example.com", 12_000_000);

        var sweep = page.Locator("#sweeps tr[data-sweep]");
        await Assertions.Expect(sweep).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(sweep.Locator("[data-field='deposits']")).ToHaveTextAsync("1 (12 MIOTA)", new() { Timeout = 30_000 });
        await Assertions.Expect(sweep.Locator("[data-field='state']")).ToHaveTextAsync("Confirmed", new() { Timeout = 40_000 });
        await Assertions.Expect(page.Locator("#batches tr[data-batch] [data-field='state']").First).ToHaveTextAsync("Applied by Hub", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task A_large_withdrawal_waits_for_approval_and_the_users_timeline_moves_on_once_an_operator_approves_it()
    {
        await App.DepositThroughHubAsync("gina@example.com", 50_000_000);
        var ops = await NewPageAsync();
        await ops.LogInAsync("ops@example.com", opsKey);
        await ops.GotoAsync("/operator/coins");
        await ops.WaitForInteractiveAsync();
        var iota = ops.Locator("[data-coin='MIOTA']");
        await iota.GetByLabel("Approval above (MIOTA)").FillAsync("10");
        await iota.GetByLabel("Two-factor code").FillAsync(Totp.Next(opsKey));
        await iota.GetByRole(AriaRole.Button, new() { Name = "Save MIOTA" }).ClickAsync();
        await Assertions.Expect(iota.Locator("[data-field='coin-message']")).ToHaveTextAsync("IOTA saved.");

        var user = await NewPageAsync();
        await user.LogInAsync("gina@example.com");
        await user.GotoAsync("/withdraw");
        await user.WaitForInteractiveAsync();
        await user.RequestWithdrawalAsync("20");
        await Assertions.Expect(user.Locator("[data-withdrawal] li[data-step='approval']")).ToContainTextAsync("Awaiting an operator's approval");

        await ops.GotoAsync("/operator/withdrawals");
        await ops.WaitForInteractiveAsync();
        var waiting = ops.Locator("[data-approval]");
        await waiting.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        var dialog = ops.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("What did you check? (required)").FillAsync("Known address of the user, confirmed by phone");
        await ops.GetByLabel("Two-factor code").FillAsync(Totp.Next(opsKey));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm approval" }).ClickAsync();
        await Assertions.Expect(ops.Locator("[data-field='queue-empty']")).ToBeVisibleAsync();

        await Assertions.Expect(user.Locator("[data-withdrawal] li.done[data-step='approval']")).ToContainTextAsync("Approved by an operator");
        await Assertions.Expect(user.Locator("[data-withdrawal] li.done[data-step='confirmed']")).ToBeVisibleAsync(new() { Timeout = 40_000 });

        await ops.GotoAsync("/operator/audit");
        await Assertions.Expect(ops.Locator("#audit [data-field='action']")).ToHaveTextAsync(["Withdrawal approved", "Coin settings changed"]);
    }

    [Fact]
    public async Task An_operators_manual_adjustment_shows_in_the_users_history_with_its_reason()
    {
        var ops = await NewPageAsync();
        await ops.LogInAsync("ops@example.com", opsKey);
        await ops.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await ops.WaitForInteractiveAsync();
        await ops.GetByLabel("Email or user id").FillAsync("gina");
        await ops.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(ops.Locator("#users tr[data-user]")).ToHaveCountAsync(1);
        await ops.GetByRole(AriaRole.Link, new() { Name = "gina@example.com" }).ClickAsync();
        await ops.WaitForInteractiveAsync();

        var key = await App.EnableTwoFactorAsync("ops@example.com"); // after signing in: every adjustment needs the current code
        var form = ops.Locator("#manual-adjustment");
        await form.GetByLabel("Amount").FillAsync("5");
        await form.GetByLabel("Two-factor code").FillAsync(Totp.Next(key));
        await form.GetByRole(AriaRole.Button, new() { Name = "Apply adjustment" }).ClickAsync();
        await Assertions.Expect(form.Locator("[data-field='adjustment-message']")).ToHaveTextAsync("A manual adjustment needs a reason; the user sees it in their history.");
        await form.GetByLabel("Reason (the user sees it)").FillAsync("Goodwill credit for the deposit delay");
        await form.GetByLabel("Two-factor code").FillAsync(Totp.Next(key));
        await form.GetByRole(AriaRole.Button, new() { Name = "Apply adjustment" }).ClickAsync();
        await Assertions.Expect(form.Locator("[data-field='adjustment-message']")).ToHaveTextAsync("Credited 5 MIOTA; 5 MIOTA available now.");
        await Assertions.Expect(ops.Locator("#history [data-field='kind']")).ToHaveTextAsync(["Adjustment by the exchange"]);

        var user = await NewPageAsync();
        await user.LogInAsync("gina@example.com");
        await user.GotoAsync("/history");
        await Assertions.Expect(user.Locator("#history tr", new() { HasText = "Adjustment by the exchange" })).ToContainTextAsync("Goodwill credit for the deposit delay");
        await Assertions.Expect(user.Locator("#history [data-field='available-change']").First).ToContainTextAsync("+5 MIOTA");
    }
}
