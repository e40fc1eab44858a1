using System.Security.Claims;
using Bunit;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Tests.Core.Coins;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.History;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Exchange.Tests.Web.History;

/// <summary>The History page over the real Core services and database, signed in as alice.</summary>
public class HistoryPageTests : CoreComponentTest
{
    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        AddAuthorization().SetAuthorized("alice").SetClaims(new Claim(ClaimTypes.NameIdentifier, "alice"));
    }

    private (IRenderedComponent<HistoryPage> Page, IRenderedComponent<MudPopoverProvider> Popovers) RenderForAlice()
    {
        var popovers = Render<MudPopoverProvider>();
        return (Render<HistoryPage>(), popovers);
    }

    [Fact]
    public async Task The_coin_filter_offers_every_coin_of_the_table()
    {
        await CoinCatalogueTests.AddCoinAsync(Core);
        var (page, popovers) = RenderForAlice();

        await page.FindAll("div.mud-input-control.mud-select")[0].MouseDownAsync(new MouseEventArgs());

        Assert.Equal(["MIOTA", "BTC", "DEMO"], popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()));
    }

    [Fact]
    public void An_empty_history_says_nothing_has_happened_yet()
    {
        var (page, _) = RenderForAlice();

        page.WaitForAssertion(() => Assert.Equal(
            "Nothing has happened in your account yet: your deposits and withdrawals will be listed here.",
            page.Find("[data-field='no-entries']").TextContent));
    }

    [Fact]
    public async Task A_filter_that_matches_nothing_says_so()
    {
        await Core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit("alice", CoinSymbols.Iota, 3_000_000, "bundle", "e1"), Token);
        var (page, _) = RenderForAlice();
        page.WaitForAssertion(() => Assert.Equal("Deposit credited", page.Find("#history [data-field='kind']").TextContent));

        var kind = page.FindComponent<MudSelect<LedgerEntryKind?>>();
        await page.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(LedgerEntryKind.WithdrawalRefund));

        page.WaitForAssertion(() => Assert.Equal("No entries match these filters.", page.Find("[data-field='no-entries']").TextContent));
    }
}
