using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exchange.Core.Coins;

namespace Exchange.Web.Cli.PagesBenchmark;

/// <summary>A page or API call the users fetch, and what its answer must contain for the user (null: it does).</summary>
internal sealed record BenchmarkPage(string Name, string Path, Func<SignedInClient, string, string?> Problem)
{
    private const int HistoryPageSize = 25;

    public static IReadOnlyList<BenchmarkPage> All(Coin iota) =>
    [
        // The balance as the table cell writes it, HTML-encoded as the prerender sends it.
        new("dashboard", "/", (client, html) =>
            html.Contains($">{WebUtility.HtmlEncode(iota.Format(client.User.Available))}<", StringComparison.Ordinal) ? null : "the user's balance is not on it"),
        new("deposit", "/deposit", (client, html) =>
            html.Contains(client.DepositAddress, StringComparison.Ordinal) ? null : "the user's deposit address is not on it"),
        new("history", "/history", (_, html) => Count(html, "Deposit credited") == HistoryPageSize ? null : $"not {HistoryPageSize} entries"),
        new("api balances", "/api/v1/balances", (client, json) => Available(json, iota.Symbol) == client.User.Available ? null : "not the user's balance"),
        new("api history", "/api/v1/history", (_, json) => HistoryIsAFullPage(json) ? null : $"not {HistoryPageSize} entries with a next page"),
    ];

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what));

    private static long? Available(string json, string coin)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Where(b => b.GetProperty("coin").GetString() == coin)
            .Select(b => (long?)b.GetProperty("available").GetInt64()).FirstOrDefault();
    }

    private static bool HistoryIsAFullPage(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("entries").GetArrayLength() == HistoryPageSize
            && document.RootElement.GetProperty("olderThan").ValueKind == JsonValueKind.Number;
    }
}
