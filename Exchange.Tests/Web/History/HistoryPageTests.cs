using System.Security.Claims;
using Bunit;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.History;
using MudBlazor;

namespace Exchange.Tests.Web.History;

/// <summary>The History page over the real Core services and database, signed in as alice.</summary>
public class HistoryPageTests : CoreComponentTest
{
    private IRenderedComponent<HistoryPage> RenderForAlice()
    {
        AddAuthorization().SetAuthorized("alice").SetClaims(new Claim(ClaimTypes.NameIdentifier, "alice"));
        Render<MudPopoverProvider>();
        return Render<HistoryPage>();
    }

    [Fact]
    public void An_empty_history_says_nothing_has_happened_yet()
    {
        var page = RenderForAlice();

        page.WaitForAssertion(() => Assert.Equal(
            "Nothing has happened in your account yet: your deposits and withdrawals will be listed here.",
            page.Find("[data-field='no-entries']").TextContent));
    }

    [Fact]
    public async Task A_filter_that_matches_nothing_says_so()
    {
        await Core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit("alice", CoinSeed.Iota, 3_000_000, "bundle", "e1"), Token);
        var page = RenderForAlice();
        page.WaitForAssertion(() => Assert.Equal("Deposit credited", page.Find("#history [data-field='kind']").TextContent));

        var kind = page.FindComponent<MudSelect<LedgerEntryKind?>>();
        await page.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(LedgerEntryKind.WithdrawalRefund));

        page.WaitForAssertion(() => Assert.Equal("No entries match these filters.", page.Find("[data-field='no-entries']").TextContent));
    }
}
