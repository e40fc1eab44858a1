using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.Shared;

/// <summary>
/// Forms filled the instant their page has loaded, as a quick user or a password manager would, before the
/// circuit is up: what was typed must still be there once it is, and the form must send it.
/// </summary>
public class ConnectedFormBrowserTests(Browser browser) : BrowserTest(browser)
{
    private string opsKey = "";

    protected override async Task SeedAsync()
    {
        await App.CreateAsync("ops@example.com", isOperator: true);
        opsKey = await App.EnableTwoFactorAsync("ops@example.com");
        await App.CreateAsync("gina@example.com");
        await App.DepositThroughHubAsync("gina@example.com", 50_000_000);
    }

    [Fact]
    public async Task A_withdrawal_filled_the_instant_the_page_loads_goes_to_the_address_typed()
    {
        var page = await NewPageAsync();
        await page.LogInAsync("gina@example.com");
        await page.GotoAsync("/withdraw");

        await page.FillWithdrawFormAsync("2.5");

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync($"Send 2.5 MIOTA to {TestAddresses.Payout}?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='withdraw-outcome']")).ToContainTextAsync("Withdrawal requested");
    }

    [Fact]
    public async Task A_page_whose_session_the_server_no_longer_has_says_what_typed_is_lost_instead_of_reloading_silently()
    {
        var page = await NewPageAsync();
        await page.LogInAsync("gina@example.com");
        await page.GotoAsync("/withdraw");
        var address = page.GetByLabel("Destination address");
        await address.FillAsync(TestAddresses.Payout);

        // What blazor.web.js announces when it reaches the server again but the server has dropped the circuit.
        await page.EvaluateAsync("""
            document.getElementById('components-reconnect-modal')
                .dispatchEvent(new CustomEvent('components-reconnect-state-changed', { detail: { state: 'rejected' } }))
            """);

        await Assertions.Expect(page.Locator("[data-field='reconnect-lost']")).ToContainTextAsync("What you typed on this page but did not send is gone");
        await Assertions.Expect(address).ToHaveValueAsync(TestAddresses.Payout);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reload" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByLabel("Destination address")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task The_users_other_forms_filled_the_instant_their_page_loads_send_what_was_typed()
    {
        var page = await NewPageAsync();
        await page.LogInAsync("gina@example.com");

        await page.GotoAsync("/deposit");
        await page.GetByLabel("Amount (MIOTA)").FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send test tokens" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='test-tokens-message']")).ToContainTextAsync("Sent 7 MIOTA to your address.");

        await page.GotoAsync("/settings/api-keys");
        await page.GetByLabel("Key name").FillAsync("Tax report script");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='new-key']")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Tax report script" })).ToContainTextAsync("Active");

        await page.GotoAsync("/history");
        await page.GetByLabel("Kind").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Withdrawal paid out" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No entries match these filters.")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("coin rules")]
    [InlineData("cold storage")]
    [InlineData("approval queue")]
    [InlineData("user search")]
    [InlineData("user page")]
    [InlineData("held withdrawals")]
    [InlineData("audit filter")]
    public async Task An_operator_form_filled_the_instant_its_page_loads_sends_what_was_typed(string form)
    {
        var page = await NewPageAsync();
        await page.LogInAsync("ops@example.com", opsKey);
        await (form switch
        {
            "coin rules" => CoinRulesAsync(page),
            "cold storage" => ColdStorageAsync(page),
            "approval queue" => ApprovalQueueAsync(page),
            "user search" => UserSearchAsync(page),
            "user page" => UserPageAsync(page),
            "held withdrawals" => HeldWithdrawalsAsync(page),
            "audit filter" => AuditFilterAsync(page),
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, "no such operator form"),
        });
    }

    private async Task CoinRulesAsync(IPage page)
    {
        await page.GotoAsync("/operator/coins");
        var iota = page.Locator("[data-coin='MIOTA']");
        await iota.GetByLabel("Approval above (MIOTA)").FillAsync("12");
        await iota.GetByLabel("Two-factor code").FillAsync(Totp.Next(opsKey));
        await iota.GetByRole(AriaRole.Button, new() { Name = "Save MIOTA" }).ClickAsync();
        await Assertions.Expect(iota.Locator("[data-field='coin-message']")).ToHaveTextAsync("IOTA saved.");

        await page.ReloadAsync();
        await Assertions.Expect(iota.GetByLabel("Approval above (MIOTA)")).ToHaveValueAsync("12");
    }

    private static async Task ColdStorageAsync(IPage page)
    {
        await page.GotoAsync("/operator/hot-wallet");
        var form = page.Locator("#cold-storage-allow-list");
        await form.GetByLabel("Address (90 characters)").FillAsync(TestAddresses.Payout);
        await form.GetByLabel("Label").FillAsync("Vault A");
        await form.GetByLabel("Reason").FillAsync("Our new vault");
        await form.GetByRole(AriaRole.Button, new() { Name = "Ask to add" }).ClickAsync();

        // No code typed, so the request is refused, and what was typed stays for another try.
        await Assertions.Expect(form.Locator("[data-field='allow-list-message']")).ToContainTextAsync("Enter the current code from your authenticator app.");
        await Assertions.Expect(form.GetByLabel("Label")).ToHaveValueAsync("Vault A");
        await Assertions.Expect(form.GetByLabel("Reason")).ToHaveValueAsync("Our new vault");
    }

    private async Task ApprovalQueueAsync(IPage page)
    {
        await WithdrawalAwaitingApprovalAsync();
        await page.GotoAsync("/operator/withdrawals");
        var waiting = page.Locator("[data-approval]");
        await waiting.GetByLabel("Reason for rejecting").FillAsync("The address is on a scam report");
        await page.GetByLabel("Two-factor code").FillAsync(Totp.Next(opsKey));
        await waiting.GetByRole(AriaRole.Button, new() { Name = "Reject and refund" }).ClickAsync();

        // Without its reason the rejection would be refused and the withdrawal would stay in the queue.
        await Assertions.Expect(page.Locator("[data-field='queue-empty']")).ToBeVisibleAsync();
    }

    private static async Task UserSearchAsync(IPage page)
    {
        await page.GotoAsync("/operator/users");
        await page.GetByLabel("Email or user id").FillAsync("gina");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator("#users tr[data-user]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#users tr[data-user]")).ToContainTextAsync("gina@example.com");
    }

    private async Task UserPageAsync(IPage page)
    {
        var key = opsKey;
        await page.GotoAsync($"/operator/users/{await App.UserIdAsync("gina@example.com")}");
        var adjustment = page.Locator("#manual-adjustment");
        await adjustment.GetByLabel("Amount").FillAsync("5");
        await adjustment.GetByLabel("Reason (the user sees it)").FillAsync("Goodwill credit for the deposit delay");
        await adjustment.GetByLabel("Two-factor code").FillAsync(Totp.Next(key));
        await adjustment.GetByRole(AriaRole.Button, new() { Name = "Apply adjustment" }).ClickAsync();
        await Assertions.Expect(adjustment.Locator("[data-field='adjustment-message']")).ToHaveTextAsync("Credited 5 MIOTA; 55 MIOTA available now.");

        await page.ReloadAsync();
        var lockPanel = page.Locator("#withdrawal-lock");
        await lockPanel.GetByLabel("Reason for locking (the user sees it)").FillAsync("Chargeback under review");
        await lockPanel.GetByLabel("Two-factor code").FillAsync(Totp.Next(opsKey));
        await lockPanel.GetByRole(AriaRole.Button, new() { Name = "Lock withdrawals" }).ClickAsync();
        await Assertions.Expect(lockPanel.Locator("[data-field='lock-state']")).ToHaveTextAsync("Locked: Chargeback under review");
    }

    private async Task HeldWithdrawalsAsync(IPage page)
    {
        var withdrawal = await WithdrawalAwaitingApprovalAsync();
        var opsId = await App.UserIdAsync("ops@example.com");
        Assert.True((await App.Services.GetRequiredService<OperatorWithdrawalCommands>().ApproveAsync(withdrawal, Ops(opsId), "Known address")).Succeeded);
        var ginaId = await App.UserIdAsync("gina@example.com");
        Assert.True((await App.Services.GetRequiredService<UserAdministration>().LockWithdrawalsAsync(Ops(opsId), ginaId, "Chargeback under review")).Succeeded);

        await page.GotoAsync($"/operator/users/{ginaId}");
        var held = page.Locator("#held-withdrawals");
        await held.GetByLabel("Reason for rejecting").FillAsync("Chargeback confirmed");
        await held.GetByLabel("Two-factor code").FillAsync(Totp.Next(opsKey));
        await held.GetByRole(AriaRole.Button, new() { Name = "Reject and refund" }).ClickAsync();
        await Assertions.Expect(held).ToHaveCountAsync(0);
    }

    private async Task AuditFilterAsync(IPage page)
    {
        await WithdrawalAwaitingApprovalAsync();
        var opsId = await App.UserIdAsync("ops@example.com");
        await App.Services.GetRequiredService<UserAdministration>().LockWithdrawalsAsync(Ops(opsId), await App.UserIdAsync("gina@example.com"), "Chargeback under review");

        await page.GotoAsync("/operator/audit");
        await page.GetByLabel("Action").FillAsync("locked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.Locator("#audit [data-field='action']")).ToHaveTextAsync(["Withdrawals locked"]);
    }

    private OperatorCredentials Ops(string opsId) => new(opsId, Totp.Next(opsKey));

    /// <summary>Gina asks for 20 MIOTA with approvals above 10: it waits for an operator.</summary>
    private async Task<long> WithdrawalAwaitingApprovalAsync()
    {
        var settings = App.Services.GetRequiredService<CoinSettings>();
        var iota = (await settings.AllAsync()).Single(c => c.Symbol == CoinSymbols.Iota);
        var opsId = await App.UserIdAsync("ops@example.com");
        Assert.True((await settings.UpdateAsync(Ops(opsId), iota.Symbol, CoinSettings.RulesOf(iota) with { ApprovalThreshold = "10" })).Succeeded);
        var request = new WithdrawalRequest(await App.UserIdAsync("gina@example.com"), CoinSymbols.Iota, "20", TestAddresses.Payout);
        var result = await App.Services.GetRequiredService<UserWithdrawalCommands>().RequestAsync(request);
        Assert.Equal(WithdrawalState.AwaitingApproval, result.Withdrawal!.State);
        return result.Withdrawal.Id;
    }
}
