using System.Buffers;
using System.Text;

namespace Exchange.Hub.Emulator.Wire;

/// <summary>
/// Where a rendering goes: into a growing UTF-8 buffer from the shared pool, or, made with
/// <see cref="Counting"/>, only into a count of its bytes, so that measuring and writing share one
/// renderer. <see cref="Clear"/> after each piece is sent keeps the buffer at about a piece.
/// </summary>
internal sealed class Utf8Sink : IDisposable
{
    private byte[]? bytes;

    private Utf8Sink(byte[]? bytes) => this.bytes = bytes;

    public static Utf8Sink Buffer() => new(ArrayPool<byte>.Shared.Rent(64 * 1024));

    public static Utf8Sink Counting() => new(null);

    /// <summary>The bytes written since the last <see cref="Clear"/>, or when counting, all of them.</summary>
    public long Length { get; private set; }

    public ReadOnlyMemory<byte> Written => bytes.AsMemory(0, (int)Length);

    public void Write(ReadOnlySpan<byte> utf8)
    {
        if (bytes is not null) utf8.CopyTo(Room(utf8.Length));
        Length += utf8.Length;
    }

    public void Write(ReadOnlySpan<char> text) =>
        Length += bytes is null ? Encoding.UTF8.GetByteCount(text) : Encoding.UTF8.GetBytes(text, Room(Encoding.UTF8.GetMaxByteCount(text.Length)));

    public void Clear() => Length = 0;

    private Span<byte> Room(int size)
    {
        var length = (int)Length;
        if (bytes!.Length - length < size)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(bytes.Length * 2, length + size));
            bytes.AsSpan(0, length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(bytes);
            bytes = larger;
        }
        return bytes.AsSpan(length);
    }

    public void Dispose()
    {
        if (bytes is not null) ArrayPool<byte>.Shared.Return(bytes);
        bytes = null;
    }
}
