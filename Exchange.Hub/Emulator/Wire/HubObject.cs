using System.Text;

namespace Exchange.Hub.Emulator.Wire;

/// <summary>
/// A response as Hub builds it: an ordered property tree whose values are strings or nested
/// objects, where a key may repeat. Written the way Boost.PropertyTree's write_json does.
/// </summary>
public sealed class HubObject
{
    private readonly List<(string Key, object Value)> members = new(8); // an event has up to 8: no regrowing per event

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
        using var text = Utf8Sink.Buffer();
        Write(text, 0);
        text.Write("\n"u8);
        return Encoding.UTF8.GetString(text.Written.Span);
    }

    internal void Write(Utf8Sink text, int depth)
    {
        text.Write("{\n"u8);
        for (var i = 0; i < members.Count; i++)
        {
            var (key, value) = members[i];
            WriteKey(text, key, depth + 1);
            if (value is HubObject child) child.Write(text, depth + 1);
            else WriteString(text, (string)value);
            text.Write(i < members.Count - 1 ? ",\n"u8 : "\n"u8);
        }
        Indent(text, depth);
        text.Write("}"u8);
    }

    internal static void WriteKey(Utf8Sink text, string key, int depth)
    {
        Indent(text, depth);
        WriteString(text, key);
        text.Write(": "u8);
    }

    internal static void Indent(Utf8Sink text, int depth)
    {
        for (var spaces = depth * 4; spaces > 0; spaces -= Spaces.Length)
            text.Write(Spaces.AsSpan(0, Math.Min(spaces, Spaces.Length)));
    }

    private static readonly byte[] Spaces = "                                "u8.ToArray();

    private static readonly System.Buffers.SearchValues<char> Escaped =
        System.Buffers.SearchValues.Create("\"\\/\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    // What each escaped character is written as; the text between them goes as it is.
    private static readonly byte[][] Escapes = Enumerable.Range(0, '\\' + 1).Select(c => Encoding.ASCII.GetBytes((char)c switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '/' => "\\/",
        '\b' => "\\b",
        '\f' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        < ' ' => $"\\u00{c:X2}",
        _ => "",
    })).ToArray();

    private static void WriteString(Utf8Sink text, string value)
    {
        text.Write("\""u8);
        var rest = value.AsSpan();
        for (var next = rest.IndexOfAny(Escaped); next >= 0; next = rest.IndexOfAny(Escaped))
        {
            text.Write(rest[..next]);
            text.Write(Escapes[rest[next]]);
            rest = rest[(next + 1)..];
        }
        text.Write(rest);
        text.Write("\""u8);
    }
}
