using Bunit;
using Exchange.Core.Coins;
using Exchange.Web.Components.Pages.Dashboard;
using MudBlazor.Services;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.Dashboard;

[Fast]
public class BalanceTableTests : BunitContext
{
    public BalanceTableTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    // The coins a new database starts with: the table only shows what it is given.
    private static Coin Coin(string symbol) => CoinSeed.All.Single(c => c.Symbol == symbol);

    [Fact]
    public void Shows_each_coin_with_its_balance_in_display_units_and_usd_value()
    {
        var table = Render<BalanceTable>(p => p.Add(t => t.Balances,
        [
            new CoinBalance(Coin("MIOTA"), Available: 2_500_000, Reserved: 500_000),
            new CoinBalance(Coin("BTC"), Available: 0, Reserved: 0),
        ]));

        var miota = table.Find("td[data-coin='MIOTA']").ParentElement!;
        Assert.Equal("2.5 MIOTA", miota.QuerySelector("[data-field='available']")!.TextContent);
        Assert.Equal("0.5 MIOTA", miota.QuerySelector("[data-field='reserved']")!.TextContent);
        Assert.Equal("$0.81", miota.QuerySelector("[data-field='usd']")!.TextContent);

        var btc = table.Find("td[data-coin='BTC']").ParentElement!;
        Assert.Equal("0 BTC", btc.QuerySelector("[data-field='available']")!.TextContent);
        Assert.Contains("not connected", btc.TextContent);
        Assert.Equal("$0.81", table.Find("[data-field='total-usd']").TextContent);
    }

    [Fact]
    public void Values_a_bitcoin_satoshi_exactly_without_rounding_the_amount()
    {
        var table = Render<BalanceTable>(p => p.Add(t => t.Balances,
            [new CoinBalance(Coin("BTC"), Available: 123_456_789, Reserved: 0)]));

        Assert.Equal("1.23456789 BTC", table.Find("[data-field='available']").TextContent);
        Assert.Equal("$12,469.14", table.Find("[data-field='usd']").TextContent);
    }
}
