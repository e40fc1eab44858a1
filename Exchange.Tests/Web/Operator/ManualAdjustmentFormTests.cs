using Bunit;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Operator.Users;
using Microsoft.AspNetCore.Components;


namespace Exchange.Tests.Web.Operator;

/// <summary>The manual-adjustment form: a two-factor code, and one adjustment per form however often it is clicked.</summary>
public class ManualAdjustmentFormTests : CoreComponentTest
{
    private const string Ann = "user-ann";
    private string key = "";

    protected override async Task SeedAsync()
    {
        key = await Core.AddOperatorAsync(OperatorSteps.Operator, OperatorSteps.OperatorEmail);
        await Core.AddUserAsync(Ann, "ann@example.com");
    }

    private async Task<IRenderedComponent<ManualAdjustmentForm>> FillAsync(string userId, string amount, string code)
    {
        var form = Render<ManualAdjustmentForm>(p => p.Add(f => f.UserId, userId).Add(f => f.OperatorId, OperatorSteps.Operator));
        var inputs = form.FindAll("input[type='text']").Where(i => i.GetAttribute("data-field") != "step-up-code").ToList();
        await inputs[^2].ChangeAsync(new ChangeEventArgs { Value = amount });
        await form.FindAll("input[type='text']").Where(i => i.GetAttribute("data-field") != "step-up-code").Last().ChangeAsync(new ChangeEventArgs { Value = "Goodwill for the outage" });
        await form.Find("[data-field='step-up-code']").InputAsync(new ChangeEventArgs { Value = code });
        return form;
    }

    private string Message(IRenderedComponent<ManualAdjustmentForm> form) => form.Find("[data-field='adjustment-message']").TextContent.Trim();

    [Fact]
    public async Task A_double_click_credits_once()
    {
        var form = await FillAsync(Ann, "2", Core.Code(key));

        await form.Find("button:not([disabled])").ClickAsync(new());
        form.WaitForAssertion(() => Assert.Equal("Credited 2 MIOTA; 2 MIOTA available now.", Message(form)));
        await form.Find("button:not([disabled])").ClickAsync(new()); // the second click of the pair, after the first was answered

        form.WaitForAssertion(() => Assert.Equal("Credited 2 MIOTA; 2 MIOTA available now.", Message(form)));
        Assert.Single(await Core.EntriesAsync(Ann), e => e.Kind == LedgerEntryKind.Manual);
        Assert.Equal((2_000_000L, 0L), await Core.BalanceAsync(Ann));
    }

    [Fact]
    public async Task An_operator_cannot_credit_their_own_account_from_the_form()
    {
        var form = await FillAsync(OperatorSteps.Operator, "2", Core.Code(key));

        await form.Find("button:not([disabled])").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Equal(Exchange.Core.Accounts.UserAdministration.OwnBalance, Message(form)));
        Assert.Empty(await Core.EntriesAsync(OperatorSteps.Operator));
    }

    [Fact]
    public async Task A_large_credit_from_the_form_waits_for_a_second_operator()
    {
        await Core.PriceAsync(CoinSymbols.Iota, 1m);
        var form = await FillAsync(Ann, "1001", Core.Code(key));

        await form.Find("button:not([disabled])").ClickAsync(new());

        form.WaitForAssertion(() => Assert.StartsWith("Waiting for a second operator to approve: credit 1001 MIOTA", Message(form), StringComparison.Ordinal));
        Assert.Equal((0L, 0L), await Core.BalanceAsync(Ann));
    }
}
