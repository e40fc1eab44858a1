using Bunit;
using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Withdraw;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Web.Withdraw;

/// <summary>The withdraw form under Core's rules: the hold banner, one withdrawal per intent, the code's refusal by the code box.</summary>
public class WithdrawFormSecurityTests : CoreComponentTest
{
    private const string Ann = "user-ann";

    protected override async Task SeedAsync()
    {
        await Core.AddUserAsync(Ann, "ann@example.com");
        await Core.FundAsync(Ann, 50_000_000);
    }

    private async Task<IRenderedComponent<WithdrawForm>> FillAsync(string amount = "3")
    {
        Render<MudBlazor.MudPopoverProvider>();
        var form = Render<WithdrawForm>(p => p.Add(f => f.UserId, Ann));
        await form.FindAll("input")[1].InputAsync(new ChangeEventArgs { Value = amount });
        await form.FindAll("input")[2].InputAsync(new ChangeEventArgs { Value = TestAddresses.Payout });
        return form;
    }

    private static Task ClickWithdrawAsync(IRenderedComponent<WithdrawForm> form) =>
        form.FindAll("button").Single(b => b.TextContent.Trim() == "Withdraw").ClickAsync(new());

    [Fact]
    public async Task After_a_security_change_the_page_says_until_when_withdrawals_are_held_before_anything_is_typed()
    {
        await using (var db = Core.NewContext())
            await db.Users.Where(u => u.Id == Ann).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityChangedAt, Core.Time.GetUtcNow().UtcDateTime.AddHours(-2)), Token);

        var form = Render<WithdrawForm>(p => p.Add(f => f.UserId, Ann));

        form.WaitForAssertion(() => Assert.StartsWith("Your withdrawals are held until 2026-11-25 10:00 UTC after a security change to your account",
            form.Find("[data-field='withdraw-hold']").TextContent.Trim()));
    }

    [Fact]
    public async Task Without_a_security_change_there_is_no_hold_banner()
    {
        var form = await FillAsync();

        Assert.Empty(form.FindAll("[data-field='withdraw-hold']"));
    }

    [Fact]
    public async Task A_double_click_on_withdraw_makes_one_withdrawal()
    {
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var form = await FillAsync();

        var clicks = new[] { ClickWithdrawAsync(form), ClickWithdrawAsync(form) };
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Withdraw"));
        // Confirm every dialog that opened: a form that let the second click through would open two.
        foreach (var confirm in dialogs.FindAll("button").Where(b => b.TextContent.Trim() == "Withdraw").ToList())
            await confirm.ClickAsync(new());
        await Task.WhenAll(clicks);

        form.WaitForAssertion(() => Assert.Contains("Withdrawal requested.", form.Find("[data-field='withdraw-outcome']").TextContent));
        Assert.Single(await Core.Get<WithdrawalQueries>().ForUserAsync(Ann, cancellationToken: Token));
        Assert.Equal((47_000_000, 3_000_000), await Core.BalanceAsync(Ann));
    }

    [Fact]
    public async Task A_wrong_code_is_refused_beside_the_code_box_and_nothing_is_withdrawn()
    {
        await Core.EnableTwoFactorAsync(Ann);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var form = await FillAsync();
        await form.FindAll("input")[3].ChangeAsync(new ChangeEventArgs { Value = "000000" });

        var click = ClickWithdrawAsync(form);
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Withdraw"));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Withdraw").ClickAsync(new());
        await click;

        // The field's own error line (the code box is the only field in error).
        form.WaitForAssertion(() => Assert.Contains(form.FindAll(".mud-input-error"), e => e.TextContent.Contains("The two-factor code is not right", StringComparison.Ordinal)));
        Assert.Empty(await Core.Get<WithdrawalQueries>().ForUserAsync(Ann, cancellationToken: Token));
    }

    [Fact]
    public async Task After_a_manual_credit_even_a_small_withdrawal_is_said_to_wait_for_an_operators_review()
    {
        var ops = await Core.OperatorWithTwoFactorAsync();
        var credit = await Core.Get<UserAdministration>().AdjustAsync(
            new ManualAdjustment(ops.Id, Ann, CoinSymbols.Iota, AdjustmentDirection.Credit, "2", "Goodwill", ops.WithCode().TwoFactorCode), Token);
        Assert.True(credit.Succeeded, credit.Message);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var form = await FillAsync();

        var click = ClickWithdrawAsync(form);
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Withdraw"));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Withdraw").ClickAsync(new());
        await click;

        form.WaitForAssertion(() => Assert.StartsWith("Withdrawal requested. An operator credited your account by hand lately, so until 2026-12-01 12:",
            form.Find("[data-field='withdraw-outcome']").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal(WithdrawalState.AwaitingApproval, Assert.Single(await Core.Get<WithdrawalQueries>().ForUserAsync(Ann, cancellationToken: Token)).State);
    }
}
