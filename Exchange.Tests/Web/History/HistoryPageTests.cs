using Bunit;
using Exchange.Tests.Core.Coins;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.History;
using Microsoft.AspNetCore.Components.Web;

namespace Exchange.Tests.Web.History;

public class HistoryPageTests : CoreComponentTest
{
    [Fact]
    public async Task The_coin_filter_offers_every_coin_of_the_table()
    {
        await CoinCatalogueTests.AddCoinAsync(Core);
        AddAuthorization().SetAuthorized("alice").SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "alice"));
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        var page = Render<HistoryPage>();

        await page.FindAll("div.mud-input-control.mud-select")[0].MouseDownAsync(new MouseEventArgs());

        Assert.Equal(["MIOTA", "BTC", "DEMO"], popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()));
    }
}
