using System.Text.Json;
using System.Text.Json.Serialization;
using Exchange.Core.Coins;
using Exchange.Core.Notices;

namespace Exchange.Core.Webhooks;

/// <summary>
/// The JSON body of a delivery: <c>{"type", "timestamp", "data"}</c>, the timestamp being when the
/// event happened (UTC, ISO 8601). Data holds the notice's strings: ids and amounts in base units,
/// and beside an amount its display form (<c>amountDisplay</c>, e.g. "12.5 MIOTA"). Nothing secret is
/// in a notice, so nothing secret is in a body.
/// </summary>
public static class WebhookPayloads
{
    private sealed record Body(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("timestamp")] string Timestamp,
        [property: JsonPropertyName("data")] IReadOnlyDictionary<string, string> Data);

    public static string Of(DispatchedNotice notice, CoinList coins)
    {
        var data = new SortedDictionary<string, string>(notice.Data.Values.ToDictionary(), StringComparer.Ordinal);
        if (data.ContainsKey("amount") && data.ContainsKey("coin")) data["amountDisplay"] = NoticeTypes.Amount(notice.Data, coins);
        return Serialize(notice.Notice.Type, notice.Notice.OccurredAt, data);
    }

    public static string Test(long endpointId, DateTime at) => Serialize(WebhookEvents.Test, at, new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["endpoint"] = endpointId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["message"] = "A test event, sent from the webhooks page. If its signature checks out, this endpoint is ready.",
    });

    private static string Serialize(string type, DateTime at, IReadOnlyDictionary<string, string> data) =>
        JsonSerializer.Serialize(new Body(type, DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", System.Globalization.CultureInfo.InvariantCulture), data));
}
