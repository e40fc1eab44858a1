using System.Diagnostics;
using System.Net.Http.Headers;
using Exchange.Benchmarks.Serving;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Exchange.Benchmarks.Circuits;

/// <summary>
/// One signed-in dashboard as blazor.web.js holds it, without a browser: the prerendered page is
/// fetched with the user's cookie, the circuit started from its markers over the "blazorpack" hub
/// protocol, every render batch acknowledged, and the page's JavaScript calls answered.
/// </summary>
internal sealed class DashboardCircuit(Uri site, SignedInUser user, BrowserAnswers answers) : IAsyncDisposable
{
    private static readonly BlazorPackProtocol Protocol = new();
    private static readonly byte[] BalanceTable = "balances"u8.ToArray();

    private readonly TaskCompletionSource shown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<TimeSpan> updated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HubConnection? connection;
    private PrerenderedPage? page;
    private string? circuitId;
    private byte[]? awaitedText;
    private long eventAt;
    private volatile bool closing;

    public SignedInUser User => user;

    /// <summary>Why the circuit ended before the benchmark closed it (an error sent by the server, or the connection lost); null while it lives.</summary>
    public string? DroppedBecause { get; private set; }

    /// <summary>From the event's publication to the first render batch showing its balance.</summary>
    public Task<TimeSpan> Updated => updated.Task;

    /// <summary>Opens the circuit and returns once the balance sheet is on the (virtual) screen.</summary>
    public async Task OpenAsync(HttpClient http, CancellationToken cancellationToken)
    {
        page = PrerenderedPage.Parse(await GetDashboardAsync(http, cancellationToken));
        if (page.ServerMarkers.Count == 0) throw new InvalidOperationException("The dashboard has no interactive server component markers.");
        connection = Connect();
        await connection.StartAsync(cancellationToken);
        circuitId = await connection.InvokeAsync<string?>("StartCircuit", site.ToString(), site.ToString(), "[]", page.ApplicationState, cancellationToken)
            ?? throw new InvalidOperationException("The server refused to start the circuit.");
        await shown.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The next render batch carrying <paramref name="text"/> counts as the event's arrival; call before the event happens.</summary>
    public void Await(string text) => awaitedText = System.Text.Encoding.UTF8.GetBytes(text);

    public void EventPublished(long timestamp) => Volatile.Write(ref eventAt, timestamp);

    private async Task<string> GetDashboardAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, site);
        VirtualBrowser.Sign(request.Headers, user.Cookie);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private HubConnection Connect()
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(site, "_blazor"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Headers["Cookie"] = user.Cookie;
                o.Headers[LoopbackProxyHandler.ForwardedProto] = Uri.UriSchemeHttps;
            });
        hub.Services.AddSingleton<IHubProtocol>(Protocol);
        var built = hub.Build();
        built.On("JS.RenderBatch", [typeof(long), typeof(byte[])], (args, _) => OnRenderBatchAsync((long)args[0]!, (byte[])args[1]!), this);
        built.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)],
            (args, _) => OnJavaScriptCallAsync((long)args[0]!, (string)args[1]!, (int)args[3]!), this);
        built.On("JS.Error", [typeof(string)], (args, _) => Drop($"the server sent an error: {args[0]}"), this);
        built.Closed += error => closing ? Task.CompletedTask : Drop($"the connection closed: {error?.Message ?? "by the server"}");
        return built;
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] batch)
    {
        if (!shown.Task.IsCompleted && batch.AsSpan().IndexOf(BalanceTable) >= 0) shown.TrySetResult();
        var at = Volatile.Read(ref eventAt);
        if (at > 0 && awaitedText is { } text && batch.AsSpan().IndexOf(text) >= 0)
            updated.TrySetResult(Stopwatch.GetElapsedTime(at));
        await connection!.SendAsync("OnRenderCompleted", batchId, null);
    }

    private async Task OnJavaScriptCallAsync(long asyncHandle, string identifier, int resultType)
    {
        var result = answers.Answer(identifier, resultType);
        if (asyncHandle != 0)
            await connection!.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, $"[{asyncHandle},true,{result}]");
        // The page's script adds its root components once the server renderer has attached.
        if (identifier == BrowserAnswers.AttachRenderer)
            await connection!.SendAsync("UpdateRootComponents", page!.AddOperations(), page.ApplicationState);
    }

    private Task Drop(string why)
    {
        DroppedBecause ??= why;
        shown.TrySetException(new InvalidOperationException(why));
        return Task.CompletedTask;
    }

    /// <summary>Closes the connection and, as the page does when it unloads, tells the server to dispose the circuit now.</summary>
    public async Task CloseAsync(HttpClient http)
    {
        closing = true;
        if (connection is not null) await connection.StopAsync();
        if (circuitId is null) return;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(site, "_blazor/disconnect"))
        {
            Content = new MultipartFormDataContent { { new StringContent(circuitId), "circuitId" } },
        };
        VirtualBrowser.Sign(request.Headers, user.Cookie);
        using var _ = await http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        closing = true;
        if (connection is not null) await connection.DisposeAsync();
    }
}

/// <summary>What every request of the virtual browser carries: the user's cookie, through a TLS-terminating proxy on loopback.</summary>
internal static class VirtualBrowser
{
    public static void Sign(HttpRequestHeaders headers, string? cookie)
    {
        if (cookie is not null) headers.Add("Cookie", cookie);
        headers.Add(LoopbackProxyHandler.ForwardedProto, Uri.UriSchemeHttps);
    }
}
