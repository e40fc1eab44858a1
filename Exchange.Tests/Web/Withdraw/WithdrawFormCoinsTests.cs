using Bunit;
using Exchange.Tests.Core.Coins;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Withdraw;
using Microsoft.AspNetCore.Components.Web;

namespace Exchange.Tests.Web.Withdraw;

/// <summary>The withdraw form's coins are the Coins table's, not a list compiled into the app.</summary>
public class WithdrawFormCoinsTests : CoreComponentTest
{
    [Fact]
    public async Task A_coin_added_to_the_table_is_offered_and_choosing_it_checks_its_own_rules()
    {
        await CoinCatalogueTests.AddCoinAsync(Core);
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        var form = Render<WithdrawForm>(p => p.Add(f => f.UserId, "alice"));

        await form.Find("div.mud-input-control.mud-select").MouseDownAsync(new MouseEventArgs());
        var offered = popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()).ToList();
        Assert.Equal(["MIOTA — IOTA", "BTC — Bitcoin", "DEMO — Demo coin"], offered);

        await popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("DEMO")).ClickAsync(new MouseEventArgs());
        form.WaitForAssertion(() => Assert.Contains("Demo coin is shown for demonstration only and is not connected to any network", form.Markup));
        Assert.Contains("Available: 0 DEMO.", form.Markup);
    }
}
