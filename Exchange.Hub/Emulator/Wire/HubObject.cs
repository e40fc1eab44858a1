using System.Text;

namespace Exchange.Hub.Emulator.Wire;

/// <summary>
/// A response as Hub builds it: an ordered property tree whose values are strings or nested
/// objects, where a key may repeat. Written the way Boost.PropertyTree's write_json does.
/// </summary>
public sealed class HubObject
{
    private readonly List<(string Key, object Value)> members = [];

    public IReadOnlyList<(string Key, object Value)> Members => members;

    public HubObject Add(string key, string value)
    {
        members.Add((key, value));
        return this;
    }

    public HubObject Add(string key, long value) => Add(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public HubObject Add(string key, bool value) => Add(key, value ? "true" : "false");

    public HubObject Add(string key, HubObject value)
    {
        members.Add((key, value));
        return this;
    }

    public static HubObject Error(HubError error) => new HubObject().Add("error", error.Text());

    /// <summary>4-space pretty print, every scalar a string, "\/" escaping, trailing newline.</summary>
    public string ToJson()
    {
        var text = new StringBuilder();
        Write(text, 0);
        text.Append('\n');
        return text.ToString();
    }

    internal void Write(StringBuilder text, int depth)
    {
        text.Append('{').Append('\n');
        for (var i = 0; i < members.Count; i++)
        {
            var (key, value) = members[i];
            WriteKey(text, key, depth + 1);
            if (value is HubObject child) child.Write(text, depth + 1);
            else AppendEscaped(text.Append('"'), (string)value).Append('"');
            if (i < members.Count - 1) text.Append(',');
            text.Append('\n');
        }
        text.Append(' ', depth * 4).Append('}');
    }

    internal static void WriteKey(StringBuilder text, string key, int depth) =>
        AppendEscaped(text.Append(' ', depth * 4).Append('"'), key).Append("\": ");

    private static readonly System.Buffers.SearchValues<char> Escaped =
        System.Buffers.SearchValues.Create("\"\\/\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private static StringBuilder AppendEscaped(StringBuilder text, string value)
    {
        if (value.AsSpan().IndexOfAny(Escaped) < 0) return text.Append(value);
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '/': text.Append("\\/"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u00").Append(((int)c).ToString("X2")); break;
                default: text.Append(c); break;
            }
        }
        return text;
    }
}
