using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exchange.Hub.Client;

/// <summary>
/// Sends one Hub command per POST and reads the answer. Reads are tried again after a transport
/// failure, with a growing pause; writes are sent once, so an unknown outcome reaches the caller,
/// who must find out from Hub's state what happened before sending anything again. Hub's catch-all
/// "Unknown error" to a write is such an outcome too: Hub also answers it when its database fails,
/// and then it cannot be told whether the write's transaction committed.
/// </summary>
public sealed partial class HubClient(HttpClient http, IOptions<HubOptions> options, ILogger<HubClient> logger, HubClientMetrics metrics) : IHubClient
{
    public const int MaxBodyBytes = 10_000;

    private Task<HubAnswer> ReadAsync(string command, CancellationToken cancellationToken, params (string Name, object? Value)[] fields) =>
        SendAsync(command, fields, options.Value.ReadRetries, cancellationToken);

    private async Task<HubAnswer> WriteAsync(string command, CancellationToken cancellationToken, params (string Name, object? Value)[] fields)
    {
        try
        {
            return await SendAsync(command, fields, retries: 0, cancellationToken);
        }
        catch (HubCommandException e) when (e.Error == HubError.UnknownError)
        {
            throw new HubTransportException(command, "Hub answered \"Unknown error\", which it also gives when its database fails: whether it did the write is not known", e);
        }
    }

    private async Task<HubAnswer> SendAsync(string command, (string Name, object? Value)[] fields, int retries, CancellationToken cancellationToken)
    {
        var body = Body(command, fields);
        using var scope = logger.BeginScope("Hub {HubCommand}", command);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await MeasuredAsync(command, body, cancellationToken);
            }
            catch (HubTransportException e) when (attempt < retries && !cancellationToken.IsCancellationRequested)
            {
                var pause = TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt));
                logger.LogWarning("Hub {Command} failed ({Reason}); trying again in {Pause} ms", command, e.Message, pause.TotalMilliseconds);
                await Task.Delay(pause, cancellationToken);
            }
        }
    }

    private async Task<HubAnswer> MeasuredAsync(string command, string body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var answer = await SendOnceAsync(command, body, cancellationToken);
            metrics.Record(command, Stopwatch.GetElapsedTime(started), null);
            return answer;
        }
        catch (Exception e) when (e is HubCommandException or HubTransportException)
        {
            metrics.Record(command, Stopwatch.GetElapsedTime(started), e);
            throw;
        }
    }

    private async Task<HubAnswer> SendOnceAsync(string command, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-IOTA-API-Version", "1");

        string text;
        int status;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new HubTransportException(command, $"no answer from Hub ({e.Message})", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HubTransportException(command, $"Hub did not answer within {http.Timeout.TotalSeconds:0} s", e);
        }

        if (status != 200)
            throw new HubTransportException(command, $"HTTP {status} from Hub: {(text.Length > 200 ? text[..200] : text)}");
        var answer = HubAnswer.Parse(command, text);
        if (answer.Has("error"))
        {
            var error = answer.All("error")[^1];
            throw HubErrors.TryParse(error, out var known) ? new HubCommandException(command, known) : answer.Unexpected($"unknown error \"{error}\"");
        }
        return answer;
    }

    /// <summary>The JSON body: "command" first, then the fields in the order given.</summary>
    public static string Body(string command, IEnumerable<(string Name, object? Value)> fields)
    {
        var body = new Dictionary<string, object?> { ["command"] = command };
        foreach (var (name, value) in fields) body[name] = value;
        return JsonSerializer.Serialize(body);
    }
}
