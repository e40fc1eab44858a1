using Bunit;
using Exchange.Core.Approvals;
using Exchange.Core.HotWallet;
using Exchange.Core.HubSync;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Operator.HotWallet;
using Microsoft.AspNetCore.Components;


namespace Exchange.Tests.Web.Operator;

/// <summary>The send-to-cold-storage form over the real Core services and an emulator: allow-listed addresses only, a code, a confirmation, one request per form.</summary>
public class ColdStorageFormTests : CoreComponentTest
{
    private (string Id, string Key) first, second;

    protected override bool WithHub => true;

    protected override async Task SeedAsync()
    {
        first = (OperatorSteps.Operator, await Core.AddOperatorAsync(OperatorSteps.Operator, OperatorSteps.OperatorEmail));
        second = (ApprovalSteps.Second, await Core.AddOperatorAsync(ApprovalSteps.Second, ApprovalSteps.SecondEmail));
        var address = (await Core.Get<HotWalletService>().RequestDepositAddressAsync(new Exchange.Core.Accounts.OperatorCredentials(first.Id, Totp.Next(first.Key, Core.Time)), Token)).Message;
        await Hub!.DepositAsync(address, 20_000_000);
        await Hub!.TickAsync("monitor");
        await Hub!.TickAsync("sweep");
        await Core.Get<BalanceSync>().RunAsync(Token);
    }

    /// <summary>Fills amount, reason and code (the first listed address is chosen) and asks for the confirmation.</summary>
    private async Task<IRenderedComponent<ColdStorageForm>> FillAsync(string code)
    {
        var form = Render<ColdStorageForm>(p => p.Add(f => f.OperatorId, OperatorSteps.Operator));
        await form.Find("input[type='text']").ChangeAsync(new ChangeEventArgs { Value = "5" });
        var inputs = form.FindAll("input[type='text']");
        await inputs[1].ChangeAsync(new ChangeEventArgs { Value = "Surplus above the weekly float" });
        await form.Find("[data-field='step-up-code']").InputAsync(new ChangeEventArgs { Value = code });
        await form.Find("[data-action='send']").ClickAsync(new());
        return form;
    }

    private string Message(IRenderedComponent<ColdStorageForm> form) => form.Find("[data-field='cold-storage-message']").TextContent.Trim();

    [Fact]
    public async Task Without_an_allow_listed_address_the_form_offers_no_send()
    {
        var form = Render<ColdStorageForm>(p => p.Add(f => f.OperatorId, OperatorSteps.Operator));

        Assert.Contains("No cold-storage address is on the allow-list", form.Find("[data-field='no-cold-storage']").TextContent);
        Assert.Empty(form.FindAll("[data-action='send']"));
    }

    [Fact]
    public async Task The_form_confirms_with_amount_and_label_and_a_double_click_asks_for_one_send()
    {
        await Core.ListColdStorageAsync(TestAddresses.Payout, "Vault A", first, second);
        var form = await FillAsync(Core.Code(first.Key));

        var confirm = form.Find("[data-field='cold-storage-confirm']");
        Assert.StartsWith("Send 5 MIOTA to Vault A", confirm.TextContent.Trim(), StringComparison.Ordinal);
        await form.Find("[data-action='confirm-send']").ClickAsync(new());
        form.WaitForAssertion(() => Assert.StartsWith("Waiting for a second operator to approve: send 5 MIOTA to Vault A", Message(form), StringComparison.Ordinal));
        var firstAnswer = Message(form);
        // The same form sent again (a second click that arrives late, a retry): the first answer, no second send.
        await form.Find("[data-action='send']").ClickAsync(new());
        await form.Find("[data-action='confirm-send']").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Equal(firstAnswer, Message(form)));
        var pending = Assert.Single(await Core.Get<ApprovalQueue>().PendingAsync(Token));
        Assert.Equal((OperatorRequestKind.ColdStorageSend, 5_000_000L, OperatorSteps.Operator), (pending.Kind, pending.Amount, pending.RequestedBy));
        Assert.Equal(20_000_000, await Core.Get<HotWalletService>().BalanceAsync(Token));
    }

    [Fact]
    public async Task A_wrong_code_asks_for_nothing_and_keeps_what_was_typed()
    {
        await Core.ListColdStorageAsync(TestAddresses.Payout, "Vault A", first, second);
        var form = await FillAsync("000000");

        await form.Find("[data-action='confirm-send']").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Equal("The two-factor code is not right, or it was already used. Enter the current code from your authenticator app.", Message(form)));
        Assert.Empty(await Core.Get<ApprovalQueue>().PendingAsync(Token));
        Assert.Equal("5", form.Find("input[type='text']").GetAttribute("value"));
    }

    [Fact]
    public async Task An_operator_without_two_factor_is_told_to_turn_it_on_and_nothing_is_asked()
    {
        await Core.ListColdStorageAsync(TestAddresses.Payout, "Vault A", first, second);
        await Core.AddUserAsync("op-plain", "plain@example.com");
        var form = Render<ColdStorageForm>(p => p.Add(f => f.OperatorId, "op-plain"));
        await form.Find("input[type='text']").ChangeAsync(new ChangeEventArgs { Value = "5" });
        await form.FindAll("input[type='text']")[1].ChangeAsync(new ChangeEventArgs { Value = "Surplus" });
        await form.Find("[data-action='send']").ClickAsync(new());
        await form.Find("[data-action='confirm-send']").ClickAsync(new());

        form.WaitForAssertion(() => Assert.StartsWith("Operators act only with two-factor authentication on", Message(form), StringComparison.Ordinal));
        Assert.Empty(await Core.Get<ApprovalQueue>().PendingAsync(Token));
    }
}
