using System.Text;

namespace Exchange.Hub.Emulator.Wire;

/// <summary>
/// What a command answers: a whole <see cref="HubObject"/>, or for the lists that grow with Hub
/// (BalanceSubscription's backlog) numbered members produced while they are written, never held
/// whole. Both are written byte for byte as <see cref="HubObject.ToJson"/> would write the tree.
/// </summary>
public sealed class HubAnswer
{
    private const int ChunkChars = 32 * 1024;
    private readonly HubObject? whole;
    private readonly Func<IEnumerable<HubObject>>? events;

    private HubAnswer(HubObject? whole, Func<IEnumerable<HubObject>>? events) => (this.whole, this.events) = (whole, events);

    public static implicit operator HubAnswer(HubObject answer) => new(answer, null);

    /// <summary>Members <c>event_0</c>, <c>event_1</c>, ...; <paramref name="events"/> is run once to measure and once to write, and must give the same both times.</summary>
    public static HubAnswer Events(Func<IEnumerable<HubObject>> events) => new(null, events);

    public string ToJson()
    {
        if (whole is not null) return whole.ToJson();
        var text = new StringBuilder();
        foreach (var chunk in Chunks()) text.Append(chunk);
        return text.ToString();
    }

    /// <summary>The UTF-8 body in pieces of about 32K characters: a piece ends between members, never inside a character.</summary>
    public IEnumerable<StringBuilder> Chunks()
    {
        if (whole is not null)
        {
            yield return new StringBuilder(whole.ToJson());
            yield break;
        }
        var text = new StringBuilder(ChunkChars + 4096).Append('{').Append('\n');
        var n = 0;
        foreach (var e in events!())
        {
            if (n > 0) text.Append(',').Append('\n');
            HubObject.WriteKey(text, "event_" + n++, 1);
            e.Write(text, 1);
            if (text.Length < ChunkChars) continue;
            yield return text;
            text.Clear();
        }
        if (n > 0) text.Append('\n');
        yield return text.Append('}').Append('\n');
    }

    public long ByteCount() => Chunks().Sum(chunk => (long)Encoding.UTF8.GetByteCount(chunk.ToString()));
}
