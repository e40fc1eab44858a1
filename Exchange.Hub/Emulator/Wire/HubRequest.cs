using System.Globalization;
using System.Text.Json;

namespace Exchange.Hub.Emulator.Wire;

/// <summary>
/// A request body read the way Boost.PropertyTree reads it: every scalar kept as its text (numbers
/// as written, true/false/null as words), objects and arrays as children, the first of repeated
/// keys winning, unknown members ignored.
/// </summary>
public sealed class HubRequest
{
    private readonly JsonElement root;

    private HubRequest(JsonElement root) => this.root = root;

    public static HubRequest Of(JsonElement root) => new(root);

    public bool Has(string name) => Find(name) is not null;

    /// <summary>The member's text, or null when absent (an object or array reads as "").</summary>
    public string? String(string name) => Find(name) is { } value ? TextOf(value) : null;

    /// <summary>Hub's stringToBool: only the exact text "true" is true.</summary>
    public bool Bool(string name) => String(name) == "true";

    /// <summary><c>istream &gt;&gt; uint64</c>: leading spaces skipped, stops at the first non-digit, junk is 0, negatives wrap.</summary>
    public ulong? LenientUInt64(string name) => String(name) is { } text ? ParseLenient(text) : null;

    /// <summary><c>get_optional&lt;uint64_t&gt;</c>: the whole text must parse; "-1" wraps; failure is absent.</summary>
    public ulong? StrictUInt64(string name) => String(name) is { } text ? ParseStrictUInt64(text) : null;

    public IReadOnlyList<HubRequest>? Children(string name) =>
        Find(name) is not { } value ? null
        : value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(Of).ToList()
        : value.ValueKind == JsonValueKind.Object ? value.EnumerateObject().Select(p => Of(p.Value)).ToList()
        : [];

    public static long? ParseStrictInt64(string text) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static ulong? ParseStrictUInt64(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('-'))
            return ulong.TryParse(trimmed[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var magnitude) ? unchecked(0UL - magnitude) : null;
        return ulong.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static ulong ParseLenient(string text)
    {
        var i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        var negative = false;
        if (i < text.Length && text[i] is '-' or '+') negative = text[i++] == '-';
        ulong value = 0;
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            var digit = (ulong)(text[i++] - '0');
            if (value > (ulong.MaxValue - digit) / 10) return ulong.MaxValue;
            value = value * 10 + digit;
        }
        if (i == start) return 0;
        return negative ? unchecked(0UL - value) : value;
    }

    private JsonElement? Find(string name)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        foreach (var member in root.EnumerateObject())
            if (member.Name == name) return member.Value;
        return null;
    }

    private static string TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "",
    };
}
