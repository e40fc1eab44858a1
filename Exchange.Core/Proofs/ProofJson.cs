using System.Globalization;
using System.Text.Json;

namespace Exchange.Core.Proofs;

/// <summary>
/// Reading the manifest's and the proof's JSON strictly: each missing or mistyped member is named.
/// Amounts are decimal strings of base units (a browser's numbers lose digits above 2^53).
/// </summary>
internal static class ProofJson
{
    public static JsonElement Member(JsonElement parent, string name, JsonValueKind kind, string where) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new FormatException($"{where} has no '{name}' {Describe(kind)}.");

    public static string Text(JsonElement parent, string name, string where) => Member(parent, name, JsonValueKind.String, where).GetString()!;

    public static long Whole(JsonElement parent, string name, string where) =>
        Member(parent, name, JsonValueKind.Number, where).TryGetInt64(out var value) && value >= 0
            ? value
            : throw new FormatException($"{where}'s '{name}' is not a whole number from 0 to 2^63 - 1.");

    public static byte[] Hex(JsonElement parent, string name, int bytes, string where)
    {
        var text = Text(parent, name, where);
        return text.Length == 2 * bytes && text.All(char.IsAsciiHexDigit)
            ? Convert.FromHexString(text)
            : throw new FormatException($"{where}'s '{name}' is not {bytes} bytes in hex ({2 * bytes} hex digits).");
    }

    /// <summary>An amount as the tree encodes it: a u64. Null with <paramref name="problem"/> when the text is not one.</summary>
    public static ulong? Amount(JsonElement value, string what, out string? problem)
    {
        problem = null;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (text is null || text.Length == 0 || !text.All(char.IsAsciiDigit) || (text.Length > 1 && text[0] == '0'))
            problem = $"{what} is not a whole number of base units in decimal digits (a JSON string such as \"1500000\").";
        else if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            problem = $"{what} is {text}, more than 2^64 - 1 = {ulong.MaxValue}: the tree's u64 encoding cannot hold it.";
        else
            return amount;
        return null;
    }

    /// <summary>Amounts one per coin; throws with the first problem.</summary>
    public static ulong[] Amounts(JsonElement parent, string name, int coins, string where)
    {
        var array = Member(parent, name, JsonValueKind.Array, where);
        if (array.GetArrayLength() != coins)
            throw new FormatException($"{where}'s '{name}' has {array.GetArrayLength()} amount(s); the manifest lists {coins} coin(s).");
        var amounts = new ulong[coins];
        var coin = 0;
        foreach (var item in array.EnumerateArray())
        {
            amounts[coin] = Amount(item, $"{where}'s '{name}'[{coin}]", out var problem) ?? throw new FormatException(problem);
            coin++;
        }
        return amounts;
    }

    public static string Amount(ulong amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "true or false",
    };
}
