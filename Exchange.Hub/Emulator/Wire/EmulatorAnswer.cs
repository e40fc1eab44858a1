using System.Text;

namespace Exchange.Hub.Emulator.Wire;

/// <summary>
/// What a command answers: a whole <see cref="HubObject"/>, or for the lists that grow with Hub
/// (BalanceSubscription's backlog) numbered members produced while they are written, never held
/// whole. Both are written byte for byte as <see cref="HubObject.ToJson"/> would write the tree.
/// </summary>
public sealed class EmulatorAnswer
{
    private const int PieceBytes = 64 * 1024;
    private readonly HubObject? whole;
    private readonly Func<IEnumerable<HubObject>>? events;

    private EmulatorAnswer(HubObject? whole, Func<IEnumerable<HubObject>>? events) => (this.whole, this.events) = (whole, events);

    public static implicit operator EmulatorAnswer(HubObject answer) => new(answer, null);

    /// <summary>Members <c>event_0</c>, <c>event_1</c>, ...; <paramref name="events"/> is run once to measure and once to write, and must give the same both times.</summary>
    public static EmulatorAnswer Events(Func<IEnumerable<HubObject>> events) => new(null, events);

    public string ToJson()
    {
        using var text = Utf8Sink.Buffer();
        foreach (var _ in Render(text)) { }
        return Encoding.UTF8.GetString(text.Written.Span);
    }

    /// <summary>The length of the UTF-8 body, counted without writing it.</summary>
    public long ByteCount()
    {
        using var counter = Utf8Sink.Counting();
        foreach (var _ in Render(counter)) { }
        return counter.Length;
    }

    /// <summary>Writes the UTF-8 body in pieces of about 64 KB; a whole answer is one piece of any size.</summary>
    public async Task WriteToAsync(Stream body, CancellationToken cancellationToken)
    {
        using var piece = Utf8Sink.Buffer();
        foreach (var _ in Render(piece))
        {
            if (piece.Length < PieceBytes) continue;
            await body.WriteAsync(piece.Written, cancellationToken);
            piece.Clear();
        }
        await body.WriteAsync(piece.Written, cancellationToken);
    }

    // Writes the answer into the sink, pausing after each event so that a writer can send what it has.
    private IEnumerable<bool> Render(Utf8Sink text)
    {
        if (whole is not null)
        {
            whole.Write(text, 0);
            text.Write("\n"u8);
            yield break;
        }
        text.Write("{\n"u8);
        var n = 0;
        foreach (var e in events!())
        {
            if (n > 0) text.Write(",\n"u8);
            WriteEventKey(text, n++);
            e.Write(text, 1);
            yield return true;
        }
        text.Write(n > 0 ? "\n}\n"u8 : "}\n"u8);
    }

    private static void WriteEventKey(Utf8Sink text, int n)
    {
        Span<byte> key = stackalloc byte[32];
        "    \"event_"u8.CopyTo(key);
        n.TryFormat(key[11..], out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        "\": "u8.CopyTo(key[(11 + digits)..]);
        text.Write(key[..(14 + digits)]);
    }
}
