using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Exchange.Benchmarks.Harness;

/// <summary>Every request sent to Hub, by command, as a handler on the Hub client's HTTP pipeline.</summary>
internal sealed class HubCallCounter
{
    private readonly ConcurrentDictionary<string, int> calls = new();

    public int Total => calls.Values.Sum();

    public IReadOnlyDictionary<string, int> ByCommand => calls.OrderBy(c => c.Key).ToDictionary();

    public void Reset() => calls.Clear();

    public void Count(string command) => calls.AddOrUpdate(command, 1, (_, n) => n + 1);

    public DelegatingHandler Handler() => new CountingHandler(this);

    private sealed class CountingHandler(HubCallCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            counter.Count(CommandOf(body));
            return await base.SendAsync(request, cancellationToken);
        }

        // The command is the body's first member; nothing after it needs reading.
        private static string CommandOf(byte[] body)
        {
            var reader = new Utf8JsonReader(body);
            try
            {
                while (reader.Read())
                    if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("command"u8) && reader.Read())
                        return reader.GetString() ?? "?";
            }
            catch (JsonException)
            {
            }
            return body.Length == 0 ? "(empty)" : Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 20)));
        }
    }
}
