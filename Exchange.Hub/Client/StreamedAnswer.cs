using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Exchange.Hub.Client;

/// <summary>
/// A Hub answer read from the response stream as it arrives: its <c>event_N</c> objects one at a
/// time in document order, so a backlog of a million events never sits in memory as one string or
/// one document. Each read of the body must make progress within the timeout. An <c>error</c>
/// member, a body that is not a JSON object, or a stream that ends early fail as a whole answer does.
/// Two events' members are read into again and again: an event handed out stays as it is until the next call but one.
/// </summary>
internal sealed class StreamedAnswer : IAsyncDisposable
{
    private const int ExcerptBytes = 121; // one past what a message shows, so it knows to add "..."

    private readonly string command;
    private readonly HttpResponseMessage response;
    private readonly Stream body;
    private readonly TimeSpan timeout;
    private readonly Action<Exception?> ended;
    private bool endReported;
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int start, end;
    private bool bodyEnded, documentEnded;
    private JsonReaderState state;
    private readonly byte[] excerpt = new byte[ExcerptBytes];
    private int excerptLength;

    private bool inError, inEvent, inEventObject;
    private Event reading, previous;
    private string? eventMember;
    private string? error;

    private StreamedAnswer(string command, HttpResponseMessage response, Stream body, TimeSpan timeout, Action<Exception?> ended)
    {
        (this.command, this.response, this.body, this.timeout, this.ended) = (command, response, body, timeout, ended);
        (reading, previous) = (new Event(command), new Event(command));
    }

    /// <summary><paramref name="ended"/> hears once how the answer ended: null when it was read to its end.</summary>
    public static async Task<StreamedAnswer> OpenAsync(string command, HttpResponseMessage response, TimeSpan timeout, Action<Exception?> ended, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return new StreamedAnswer(command, response, body, timeout, ended);
    }

    /// <summary>The next <c>event_N</c> object, or null at the end of the answer; throws what a whole answer would.</summary>
    public async ValueTask<HubAnswer?> NextAsync(CancellationToken cancellationToken)
    {
        try
        {
            var next = Parse();
            while (next is null && !documentEnded)
            {
                await FillAsync(cancellationToken);
                next = Parse();
            }
            if (next is not null) return next;
            if (error is not null)
                throw HubErrors.TryParse(error, out var known) ? new HubCommandException(command, known) : Unexpected($"unknown error \"{error}\"");
            End(null);
            return null;
        }
        catch (Exception e) when (e is HubTransportException or HubCommandException)
        {
            End(e);
            throw;
        }
    }

    private void End(Exception? failure)
    {
        if (endReported) return;
        endReported = true;
        ended(failure);
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            (end, start) = (end - start, 0);
        }
        if (end == buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, larger, 0, end);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(timeout);
        int read;
        try
        {
            read = await body.ReadAsync(buffer.AsMemory(end), idle.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HubTransportException(command, $"Hub did not answer within {timeout.TotalSeconds:0} s", e);
        }
        catch (IOException e)
        {
            throw new HubTransportException(command, $"no answer from Hub ({e.Message})", e);
        }
        KeepExcerpt(read);
        end += read;
        bodyEnded = read == 0;
    }

    private void KeepExcerpt(int read)
    {
        var take = Math.Min(read, ExcerptBytes - excerptLength);
        if (take <= 0) return;
        Buffer.BlockCopy(buffer, end, excerpt, excerptLength, take);
        excerptLength += take;
    }

    // Reads on to the end of the next event, or of what has arrived; the event, if one ended.
    private HubAnswer? Parse()
    {
        var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), bodyEnded, state);
        HubAnswer? next = null;
        try
        {
            while (next is null && !documentEnded && reader.Read())
                next = Take(ref reader);
        }
        catch (JsonException e)
        {
            throw NotJson(e);
        }
        start += (int)reader.BytesConsumed;
        state = reader.CurrentState;
        if (next is null && bodyEnded && !documentEnded)
            throw NotJson(null);
        return next;
    }

    // Depth 0 is the answer itself, 1 its members (event_N, error), 2 the members of one event.
    private HubAnswer? Take(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject when depth == 0:
                break;
            case var _ when depth == 0 && reader.TokenType != JsonTokenType.EndObject:
                throw new HubTransportException(command, $"Hub's answer is not a JSON object: {Excerpt()}");
            case JsonTokenType.EndObject when depth == 0:
                documentEnded = true;
                break;
            case JsonTokenType.PropertyName when depth == 1:
                inError = reader.ValueTextEquals("error"u8);
                inEvent = !inError && StartsWith(ref reader, "event_"u8);
                break;
            case JsonTokenType.String when depth == 1:
                if (inError) error = reader.GetString();
                break;
            case JsonTokenType.StartObject when depth == 1:
                if (!inEvent) break;
                inEventObject = true;
                (reading, previous) = (previous, reading);
                reading.Members.Clear();
                break;
            case JsonTokenType.EndObject when depth == 1:
                if (!inEventObject) break;
                inEventObject = false;
                return reading.Answer;
            case JsonTokenType.PropertyName when depth == 2:
                eventMember = Repeated(ref reader, PreviousMember()?.Name);
                break;
            case var _ when depth == 2 && inEventObject && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray):
                var text = reader.TokenType == JsonTokenType.String ? Repeated(ref reader, PreviousMember()?.Text) : null;
                reading.Members.Add(new HubAnswer.Member(eventMember!, text));
                break;
        }
        return null;
    }

    // The member in the same place of the event before: events repeat their member names and many
    // of their values (type, reason, a sweep's timestamp and bundle), whose strings are kept.
    private HubAnswer.Member? PreviousMember() =>
        reading.Members.Count < previous.Members.Count ? previous.Members[reading.Members.Count] : null;

    private static string Repeated(ref Utf8JsonReader reader, string? previous) =>
        previous is not null && !reader.ValueIsEscaped && Ascii.Equals(reader.ValueSpan, previous) ? previous : reader.GetString()!;

    private static bool StartsWith(ref Utf8JsonReader reader, ReadOnlySpan<byte> prefix) =>
        reader.ValueIsEscaped ? reader.GetString()!.StartsWith(System.Text.Encoding.UTF8.GetString(prefix), StringComparison.Ordinal) : reader.ValueSpan.StartsWith(prefix);

    private HubTransportException NotJson(Exception? inner) => new(command, $"Hub's answer is not JSON: {Excerpt()}", inner);

    private HubTransportException Unexpected(string what) => new(command, $"unexpected answer from Hub: {what}");

    private string Excerpt() => HubAnswer.Excerpt(Encoding.UTF8.GetString(excerpt, 0, excerptLength));

    public async ValueTask DisposeAsync()
    {
        End(null); // the reader stopped early: the call itself went well
        await body.DisposeAsync();
        response.RequestMessage?.Dispose();
        response.Dispose();
        ArrayPool<byte>.Shared.Return(buffer);
    }

    // The members of one event_N object and the answer that reads them.
    private sealed class Event
    {
        public readonly List<HubAnswer.Member> Members = [];
        public readonly HubAnswer Answer;

        public Event(string command) => Answer = HubAnswer.Of(command, Members);
    }
}
