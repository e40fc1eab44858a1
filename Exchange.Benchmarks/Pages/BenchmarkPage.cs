using System.Net;
using System.Text;
using System.Text.Json;
using Exchange.Core.Coins;

namespace Exchange.Benchmarks.Pages;

/// <summary>
/// A page or API call the users fetch, and what its answer must contain for the user (null: it does).
/// The answer is checked as the UTF-8 bytes it came in, so the load side spends no time decoding it.
/// </summary>
internal sealed record BenchmarkPage(string Name, string Path, Func<SignedInClient, byte[], string?> Problem)
{
    private const int HistoryPageSize = 25;

    public static IReadOnlyList<BenchmarkPage> All(Coin iota) =>
    [
        // The balance as the table cell writes it, HTML-encoded as the prerender sends it.
        new("dashboard", "/", (client, html) =>
            Contains(html, $">{WebUtility.HtmlEncode(iota.Format(client.User.Available))}<") ? null : "the user's balance is not on it"),
        new("deposit", "/deposit", (client, html) =>
            Contains(html, client.DepositAddress) ? null : "the user's deposit address is not on it"),
        new("history", "/history", (_, html) => Count(html, "Deposit credited") == HistoryPageSize ? null : $"not {HistoryPageSize} entries"),
        new("api balances", "/api/v1/balances", (client, json) => Available(json, iota.Symbol) == client.User.Available ? null : "not the user's balance"),
        new("api history", "/api/v1/history", (_, json) => HistoryIsAFullPage(json) ? null : $"not {HistoryPageSize} entries with a next page"),
    ];

    private static bool Contains(byte[] text, string what) => ((ReadOnlySpan<byte>)text).IndexOf(Encoding.UTF8.GetBytes(what)) >= 0;

    private static int Count(byte[] text, string what) => ((ReadOnlySpan<byte>)text).Count(Encoding.UTF8.GetBytes(what));

    private static long? Available(byte[] json, string coin)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Where(b => b.GetProperty("coin").GetString() == coin)
            .Select(b => (long?)b.GetProperty("available").GetInt64()).FirstOrDefault();
    }

    private static bool HistoryIsAFullPage(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("entries").GetArrayLength() == HistoryPageSize
            && document.RootElement.GetProperty("olderThan").ValueKind == JsonValueKind.Number;
    }
}
