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
    private readonly List<Member> members;

    /// <summary>One member: <see cref="Text"/> is null for a value that is not a string, which <see cref="Value"/> then holds.</summary>
    internal readonly record struct Member(string Name, string? Text, JsonElement Value = default);

    private HubAnswer(string command, JsonElement root)
    {
        this.command = command;
        members = root.EnumerateObject()
            .Select(p => p.Value.ValueKind == JsonValueKind.String ? new Member(p.Name, p.Value.GetString()) : new Member(p.Name, null, p.Value.Clone()))
            .ToList();
    }

    private HubAnswer(string command, List<Member> members) => (this.command, this.members) = (command, members);

    /// <summary>One object of a streamed answer, its members in document order.</summary>
    internal static HubAnswer Of(string command, List<Member> members) => new(command, members);

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

    public bool Has(string name) => IndexOf(name) >= 0;

    public IReadOnlyList<string> All(string name) => members.Where(m => m.Name == name).Select(m => Text(m.Name, m.Text)).ToList();

    public string String(string name) => IndexOf(name) is var i and >= 0
        ? Text(name, members[i].Text)
        : throw Unexpected($"no \"{name}\"");

    public long Long(string name) => long.TryParse(String(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
        ? value
        : throw Unexpected($"\"{name}\" is not a whole number: {String(name)}");

    // The first member of that name, as Hub's readers take it; a loop, as this runs for every field of every event.
    private int IndexOf(string name)
    {
        for (var i = 0; i < members.Count; i++)
            if (members[i].Name == name) return i;
        return -1;
    }

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
