using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Exchange.Benchmarks.Circuits;

/// <summary>
/// What blazor.web.js reads from a prerendered page before it starts a circuit: the markers of the
/// interactive server components (<c>&lt;!--Blazor:{...}--&gt;</c>, in document order) and the
/// persisted component state, if the page has any.
/// </summary>
internal sealed partial record PrerenderedPage(IReadOnlyList<JsonObject> ServerMarkers, string ApplicationState)
{
    public static PrerenderedPage Parse(string html)
    {
        var markers = Marker().Matches(html)
            .Select(m => JsonNode.Parse(m.Groups["json"].Value)!.AsObject())
            .Where(m => (string?)m["type"] == "server")
            .ToList();
        return new PrerenderedPage(markers, State().Match(html) is { Success: true } state ? state.Groups["state"].Value : "");
    }

    /// <summary>The first <c>UpdateRootComponents</c> of a page: add every prerendered server component, numbered from 1 as the page's script does.</summary>
    public string AddOperations() =>
        new JsonObject
        {
            ["batchId"] = 1,
            ["operations"] = new JsonArray(ServerMarkers.Select((marker, i) => (JsonNode)new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = WithUniqueId(marker, i),
            }).ToArray()),
        }.ToJsonString();

    private static JsonObject WithUniqueId(JsonObject marker, int id)
    {
        var copy = marker.DeepClone().AsObject();
        copy["uniqueId"] = id;
        return copy;
    }

    [GeneratedRegex(@"<!--Blazor:(?<json>\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(?<state>[A-Za-z0-9+/=]+)-->")]
    private static partial Regex State();
}
