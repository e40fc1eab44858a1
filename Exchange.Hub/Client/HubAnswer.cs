using System.Globalization;
using System.Text.Json;

namespace Exchange.Hub.Client;

/// <summary>
/// A Hub response object read member by member in document order, repeated keys kept
/// (<c>trytes</c>, <c>tailHash</c>, <c>withdrawalUuid</c>, <c>event_N</c>), every value parsed from its string.
/// </summary>
public sealed class HubAnswer
{
    private readonly string command;
    private readonly List<(string Name, string? Text, JsonElement Value)> members;

    private HubAnswer(string command, JsonElement root)
    {
        this.command = command;
        members = root.EnumerateObject()
            .Select(p => (p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null, p.Value.ValueKind == JsonValueKind.String ? default : p.Value.Clone()))
            .ToList();
    }

    private HubAnswer(string command, List<(string Name, string? Text, JsonElement Value)> members) => (this.command, this.members) = (command, members);

    /// <summary>One object of a streamed answer, its members in document order; <c>null</c> text: a value that is not a string.</summary>
    internal static HubAnswer Of(string command, IEnumerable<(string Name, string? Text)> members) =>
        new(command, members.Select(m => (m.Name, m.Text, default(JsonElement))).ToList());

    public static HubAnswer Parse(string command, string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new HubTransportException(command, $"Hub's answer is not JSON: {Excerpt(body)}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new HubTransportException(command, $"Hub's answer is not a JSON object: {Excerpt(body)}");
            return new HubAnswer(command, document.RootElement);
        }
    }

    public bool Has(string name) => members.Exists(m => m.Name == name);

    public IReadOnlyList<string> All(string name) => members.Where(m => m.Name == name).Select(m => Text(m.Name, m.Text)).ToList();

    public string String(string name) => members.Find(m => m.Name == name) is { Name: not null } m
        ? Text(name, m.Text)
        : throw Unexpected($"no \"{name}\"");

    public long Long(string name) => long.TryParse(String(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
        ? value
        : throw Unexpected($"\"{name}\" is not a whole number: {String(name)}");

    public bool Bool(string name) => String(name) switch
    {
        "true" => true,
        "false" => false,
        var other => throw Unexpected($"\"{name}\" is not true or false: {other}"),
    };

    /// <summary>The <c>event_N</c> objects, ordered by N (a text sort would put event_10 before event_2).</summary>
    public IReadOnlyList<HubAnswer> Events() => members
        .Where(m => m.Name.StartsWith("event_", StringComparison.Ordinal) && m.Value.ValueKind == JsonValueKind.Object)
        .OrderBy(m => int.TryParse(m.Name["event_".Length..], out var n) ? n : int.MaxValue)
        .Select(m => new HubAnswer(command, m.Value))
        .ToList();

    public HubTransportException Unexpected(string what) => new(command, $"unexpected answer from Hub: {what}");

    private string Text(string name, string? text) => text ?? throw Unexpected($"\"{name}\" is not a string");

    internal static string Excerpt(string body) => body.Length <= 120 ? body : body[..120] + "...";
}
