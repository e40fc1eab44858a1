using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Web.Components.Shared;

namespace Exchange.Web.Components.Pages.History;

public static class HistoryCsvEndpoint
{
    /// <summary><c>GET /history.csv?coin=&amp;kind=&amp;from=&amp;to=</c>: the signed-in user's history as a CSV download.</summary>
    public static IEndpointRouteBuilder MapHistoryCsv(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/history.csv", async (HttpContext context, LedgerHistory history, CoinCatalogue catalogue, string? coin, string? kind, DateOnly? from, DateOnly? to) =>
        {
            LedgerEntryKind? parsedKind = null;
            if (!string.IsNullOrEmpty(kind))
            {
                if (!Enum.TryParse<LedgerEntryKind>(kind, out var k)) return Results.BadRequest($"Unknown kind '{kind}'.");
                parsedKind = k;
            }
            if (!string.IsNullOrEmpty(coin) && (await catalogue.CurrentAsync(context.RequestAborted)).Find(coin) is null) return Results.BadRequest(CoinList.Unknown(coin));
            var csv = await history.CsvAsync(UserIds.Of(context.User), new HistoryFilter(string.IsNullOrEmpty(coin) ? null : coin, parsedKind, from, to), context.RequestAborted);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv", "exchange-history.csv");
        }).RequireAuthorization();
        return endpoints;
    }
}
