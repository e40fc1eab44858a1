using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Exchange.Hub.Client;

// Answers too large to hold (BalanceSubscription over a long backlog) are read as they arrive.
public sealed partial class HubClient
{
    public async IAsyncEnumerable<BalanceEvent> StreamBalanceSubscriptionAsync(long newerThan, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (answer, first) = await OpenStreamAsync("BalanceSubscription", [("newerThan", newerThan)], options.Value.ReadRetries, cancellationToken);
        await using (answer)
        {
            for (var next = first; next is not null; next = await answer.NextAsync(cancellationToken))
                yield return BalanceEvents.Read(next);
        }
    }

    // A failure up to the first event (no answer, HTTP 500, garbage, Hub's error) is tried again as
    // any read is; once events have been handed out, a failure ends the stream for the caller.
    private async Task<(StreamedAnswer Answer, HubAnswer? First)> OpenStreamAsync(string command, (string Name, object? Value)[] fields, int retries, CancellationToken cancellationToken)
    {
        var body = Body(command, fields);
        using var scope = logger.BeginScope("Hub {HubCommand}", command);
        for (var attempt = 0; ; attempt++)
        {
            StreamedAnswer? answer = null;
            try
            {
                answer = await StartStreamAsync(command, body, cancellationToken);
                return (answer, await answer.NextAsync(cancellationToken));
            }
            catch (HubTransportException e) when (attempt < retries && !cancellationToken.IsCancellationRequested)
            {
                if (answer is not null) await answer.DisposeAsync();
                var pause = TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt));
                logger.LogWarning("Hub {Command} failed ({Reason}); trying again in {Pause} ms", command, e.Message, pause.TotalMilliseconds);
                await Task.Delay(pause, cancellationToken);
            }
            catch
            {
                if (answer is not null) await answer.DisposeAsync();
                throw;
            }
        }
    }

    private async Task<StreamedAnswer> StartStreamAsync(string command, string body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        void Ended(Exception? failure) => metrics.Record(command, Stopwatch.GetElapsedTime(started), failure);
        var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-IOTA-API-Version", "1");
        HttpResponseMessage? response = null;
        try
        {
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (response.StatusCode != System.Net.HttpStatusCode.OK)
                {
                    var text = await response.Content.ReadAsStringAsync(cancellationToken);
                    throw new HubTransportException(command, $"HTTP {(int)response.StatusCode} from Hub: {(text.Length > 200 ? text[..200] : text)}");
                }
                return await StreamedAnswer.OpenAsync(command, response, http.Timeout, Ended, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new HubTransportException(command, $"no answer from Hub ({e.Message})", e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new HubTransportException(command, $"Hub did not answer within {http.Timeout.TotalSeconds:0} s", e);
            }
        }
        catch (HubTransportException e)
        {
            Ended(e);
            response?.Dispose();
            request.Dispose();
            throw;
        }
    }
}
