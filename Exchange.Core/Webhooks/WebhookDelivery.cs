using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Webhooks;

/// <summary>What one attempt came to: a 2xx, a 410 Gone, or anything else (with the status when there was one).</summary>
public sealed record WebhookOutcome(bool Succeeded, int? StatusCode, string Response, TimeSpan? RetryAfter = null)
{
    public bool Gone => StatusCode == (int)HttpStatusCode.Gone;
}

/// <summary>A message as it goes out: where, its id, its body, and the secrets that sign it now.</summary>
public sealed record WebhookSend(string Url, string MessageId, string Payload, IReadOnlyList<string> Secrets);

/// <summary>
/// Sends one signed POST in the Standard Webhooks form: <c>webhook-id</c>, <c>webhook-timestamp</c>
/// (the attempt's, Unix seconds) and <c>webhook-signature</c> headers over a JSON body. Connections
/// go through <see cref="WebhookTargets.ConnectAsync"/>, never through a proxy; redirects are not
/// followed (a 3xx is a failure); the whole attempt has <see cref="WebhookOptions.Timeout"/>, and only
/// the first 2 KB of the answer are read.
/// </summary>
public sealed class WebhookDelivery : IDisposable
{
    private readonly HttpClient client;
    private readonly TimeProvider time;

    public WebhookDelivery(WebhookTargets targets, IOptions<WebhookOptions> options, TimeProvider time)
    {
        this.time = time;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = targets.ConnectAsync,
            // Names are resolved again for every new connection, so a pooled one must not outlive a change of address for long.
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        };
        client = new HttpClient(handler) { Timeout = options.Value.Timeout };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Exchange-Webhooks/1.0");
    }

    public async Task<WebhookOutcome> SendAsync(WebhookSend send, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, send.Url)
        {
            Content = new StringContent(send.Payload, new UTF8Encoding(false), new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("webhook-id", send.MessageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSecrets.SignatureHeader(send.Secrets, send.MessageId, timestamp, send.Payload));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var text = await FirstBytesAsync(response, cancellationToken);
            var status = (int)response.StatusCode;
            return new WebhookOutcome(response.IsSuccessStatusCode, status, text, RetryAfter(response));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookOutcome(false, null, $"No answer within {client.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e)
        {
            return new WebhookOutcome(false, null, Describe(e));
        }
    }

    // The answer's first bytes as text, whatever it is; a receiver that sends more is not read further.
    private static async Task<string> FirstBytesAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[WebhookAttempt.ResponseLength];
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var read = 0;
        for (int n; read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0;) read += n;
        return Encoding.UTF8.GetString(buffer, 0, read).Replace("\0", "", StringComparison.Ordinal);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow(),
        _ => null,
    };

    private static string Describe(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is WebhookTargetRefusedException refused) return "Not sent: " + refused.Message;
        return e.InnerException is { } cause ? $"{e.Message} ({cause.Message})" : e.Message;
    }

    public void Dispose() => client.Dispose();
}
