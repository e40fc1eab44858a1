using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Diagnostics.NETCore.Client;

namespace Exchange.Web.Cli.Circuits;

/// <summary>
/// The exchange under load: this same Exchange.Web started as a separate process in Production
/// (behind a TLS-terminating proxy on loopback, as deployed), so its memory is its own and not the
/// clients'. Its console is drained and the last lines kept for when it fails.
/// </summary>
internal sealed partial class ExchangeServer : IDisposable
{
    private readonly Process process;
    private readonly Queue<string> lastLines = new();

    private readonly Uri metrics;

    private ExchangeServer(Process process, Uri site, Uri metrics)
    {
        this.process = process;
        this.metrics = metrics;
        Site = site;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Site { get; }

    public static async Task<ExchangeServer> StartAsync(IReadOnlyDictionary<string, string> settings, int port, int managementPort, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Run as `dotnet Exchange.Web.dll` (tests) or as the app host (`dotnet run`).
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(ExchangeServer).Assembly.Location);
        start.ArgumentList.Add($"--Urls=http://127.0.0.1:{port}");
        start.ArgumentList.Add($"--Metrics:ManagementPort={managementPort}");
        start.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var server = new ExchangeServer(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"), new Uri($"http://127.0.0.1:{managementPort}/metrics"));
        await server.WaitUntilServingAsync(cancellationToken);
        return server;
    }

    public string LastLines
    {
        get
        {
            lock (lastLines) return string.Join(Environment.NewLine, lastLines);
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > 20) lastLines.Dequeue();
        }
    }

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited) throw new InvalidOperationException($"The exchange exited with {process.ExitCode} before serving:{Environment.NewLine}{LastLines}");
            try
            {
                using var live = await http.GetAsync(new Uri(Site, "health/live"), cancellationToken);
                if (live.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet, or too busy starting to answer within the request's timeout.
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"The exchange did not serve within 2 minutes:{Environment.NewLine}{LastLines}");
    }

    /// <summary>
    /// The server's working set, and its managed heap after a full blocking collection (induced
    /// through the runtime's diagnostics port, as a heap-dump tool does, and read from its metrics).
    /// </summary>
    public async Task<ServerMemory> MeasureAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var before = (await MetricsAsync(http, cancellationToken)).FullCollections;
        await InduceFullCollectionAsync(http, before, cancellationToken);
        var metrics = await MetricsAsync(http, cancellationToken);
        process.Refresh();
        return new ServerMemory(process.WorkingSet64, metrics.HeapAfterCollection);
    }

    private async Task InduceFullCollectionAsync(HttpClient http, long fullCollectionsBefore, CancellationToken cancellationToken)
    {
        const long gcKeyword = 0x1, gcHeapCollectKeyword = 0x800000;
        var client = new DiagnosticsClient(process.Id);
        using var session = client.StartEventPipeSession(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, gcKeyword | gcHeapCollectKeyword), requestRundown: false);
        var drain = session.EventStream.CopyToAsync(Stream.Null, cancellationToken);
        var waited = Stopwatch.StartNew();
        while ((await MetricsAsync(http, cancellationToken)).FullCollections <= fullCollectionsBefore && waited.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(500, cancellationToken);
        await session.StopAsync(cancellationToken);
        try
        {
            await drain;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The session's stream ends with the session.
        }
    }

    private sealed record Metrics(long FullCollections, long HeapAfterCollection);

    private async Task<Metrics> MetricsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(metrics, cancellationToken);
        long full = 0, heap = 0;
        foreach (Match sample in Sample().Matches(text))
        {
            var (name, labels, value) = (sample.Groups["name"].Value, sample.Groups["labels"].Value, double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture));
            if (name.StartsWith("dotnet_gc_collections", StringComparison.Ordinal) && labels.Contains("gen2", StringComparison.Ordinal)) full += (long)value;
            if (name.StartsWith("dotnet_gc_last_collection_heap_size", StringComparison.Ordinal)) heap += (long)value;
        }
        return new Metrics(full, heap);
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(?:\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    private bool disposed;

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
        process.Dispose();
    }
}

internal sealed record ServerMemory(long WorkingSet, long ManagedHeap);
