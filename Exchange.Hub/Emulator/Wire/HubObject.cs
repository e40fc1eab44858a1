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

    private void Write(StringBuilder text, int depth)
    {
        text.Append('{').Append('\n');
        for (var i = 0; i < members.Count; i++)
        {
            var (key, value) = members[i];
            text.Append(' ', (depth + 1) * 4).Append('"').Append(Escape(key)).Append("\": ");
            if (value is HubObject child) child.Write(text, depth + 1);
            else text.Append('"').Append(Escape((string)value)).Append('"');
            if (i < members.Count - 1) text.Append(',');
            text.Append('\n');
        }
        text.Append(' ', depth * 4).Append('}');
    }

    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
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
        return text.ToString();
    }
}
