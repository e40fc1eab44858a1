using Bunit;
using Exchange.Core.Accounts;
using Exchange.Core.HotWallet;
using Exchange.Core.HubSync;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Operator.HotWallet;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Operator;

/// <summary>The send-to-cold-storage form over the real Core services and an emulator: two-factor first, then Hub.</summary>
public class ColdStorageFormTests : CoreComponentTest
{
    private string operatorId = "";

    protected override bool WithHub => true;

    protected override async Task SeedAsync()
    {
        var users = Services.GetRequiredService<UserManager<ExchangeUser>>();
        Assert.True((await users.CreateAsync(new ExchangeUser { UserName = "ops@example.com", Email = "ops@example.com" })).Succeeded);
        operatorId = (await users.FindByEmailAsync("ops@example.com"))!.Id;
    }

    private async Task<string> TurnOnTwoFactorAsync()
    {
        var users = Services.GetRequiredService<UserManager<ExchangeUser>>();
        var user = (await users.FindByIdAsync(operatorId))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    private async Task<IRenderedComponent<ColdStorageForm>> FillAsync(string code)
    {
        var form = Render<ColdStorageForm>(p => p.Add(f => f.OperatorId, operatorId));
        string[] values = ["5", TestAddresses.Payout, "Surplus above the weekly float", code];
        for (var i = 0; i < values.Length; i++)
            await form.FindAll("input")[i].ChangeAsync(new ChangeEventArgs { Value = values[i] });
        await form.Find("button").ClickAsync(new());
        return form;
    }

    private async Task<List<HotWalletTransfer>> SendsAsync()
    {
        await using var db = Core.NewContext();
        return await db.HotWalletTransfers.AsNoTracking().Where(t => t.Kind == HotWalletTransferKind.ToColdStorage).ToListAsync(Token);
    }

    [Fact]
    public async Task An_operator_without_two_factor_is_told_to_turn_it_on_and_nothing_is_sent()
    {
        var form = await FillAsync("123456");

        form.WaitForAssertion(() => Assert.StartsWith("Sending from the hot wallet needs two-factor authentication",
            form.Find("[data-field='cold-storage-message']").TextContent.Trim()));
        Assert.Empty(await SendsAsync());
    }

    [Fact]
    public async Task A_wrong_code_sends_nothing_and_the_current_code_sends_through_hub()
    {
        var key = await TurnOnTwoFactorAsync();
        var address = (await Core.Get<HotWalletService>().RequestDepositAddressAsync(operatorId, Token)).Message;
        await Hub!.DepositAsync(address, 20_000_000);
        await Hub!.TickAsync("monitor");
        await Hub!.TickAsync("sweep");
        await Core.Get<BalanceSync>().RunAsync(Token);

        var wrong = await FillAsync("000000");
        wrong.WaitForAssertion(() => Assert.Equal("The two-factor code is not right, or it was already used. Enter the current code from your authenticator app.",
            wrong.Find("[data-field='cold-storage-message']").TextContent.Trim()));
        Assert.Empty(await SendsAsync());

        var right = await FillAsync(Totp.Next(key, Core.Time));
        right.WaitForAssertion(() => Assert.StartsWith("Hub took the withdrawal of 5 MIOTA", right.Find("[data-field='cold-storage-message']").TextContent.Trim()), TimeSpan.FromSeconds(10));
        var sent = Assert.Single(await SendsAsync());
        Assert.Equal((HotWalletTransferState.Submitted, 5_000_000L, "Surplus above the weekly float"), (sent.State, sent.Amount, sent.Reason));
        Assert.Equal(15_000_000, await Core.Get<HotWalletService>().BalanceAsync(Token));
    }
}
