using System.Globalization;
using System.Text.Json;

namespace Exchange.Core.Notices;

/// <summary>A notice's data: named strings, stored as one JSON object. Amounts are base units; nothing secret goes in.</summary>
public sealed class NoticeData
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public NoticeData With(string name, string? value)
    {
        if (value is not null) values[name] = value;
        return this;
    }

    public NoticeData With(string name, long value) => With(name, value.ToString(CultureInfo.InvariantCulture));

    public string? this[string name] => values.GetValueOrDefault(name);

    public long Long(string name) => long.TryParse(this[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    public IReadOnlyDictionary<string, string> Values => values;

    public string ToJson() => JsonSerializer.Serialize(values);

    public static NoticeData FromJson(string json)
    {
        var data = new NoticeData();
        try
        {
            foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []) data.values[name] = value;
        }
        catch (JsonException)
        {
            // A row written by hand or by another version reads as empty data, never stops the dispatcher.
        }
        return data;
    }
}

/// <summary>What a channel shows: a short title, one or two sentences, and a path inside the app.</summary>
public sealed record NoticeText(string Title, string Body, string? Link);
