using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text.RegularExpressions;
using Exchange.Benchmarks.Serving;
using Microsoft.Diagnostics.NETCore.Client;

namespace Exchange.Benchmarks.Circuits;

internal sealed record ServerMemory(long WorkingSet, long ManagedHeap);

/// <summary>What the exchange under load holds: read from its management port's metrics.</summary>
internal static partial class ServerMemoryProbe
{
    /// <summary>
    /// The server's working set, and its managed heap after a full blocking collection (induced
    /// through the runtime's diagnostics port, as a heap-dump tool does, and read from its metrics).
    /// </summary>
    public static async Task<ServerMemory> MeasureAsync(this ExchangeServer server, HttpClient http, CancellationToken cancellationToken)
    {
        var metrics = new Uri(server.ManagementAddress ?? throw new InvalidOperationException("The server was started without its management port."), "metrics");
        var before = (await MetricsAsync(http, metrics, cancellationToken)).FullCollections;
        await InduceFullCollectionAsync(server, http, metrics, before, cancellationToken);
        var after = await MetricsAsync(http, metrics, cancellationToken);
        return new ServerMemory(server.WorkingSet, after.HeapAfterCollection);
    }

    private static async Task InduceFullCollectionAsync(ExchangeServer server, HttpClient http, Uri metrics, long fullCollectionsBefore, CancellationToken cancellationToken)
    {
        const long gcKeyword = 0x1, gcHeapCollectKeyword = 0x800000;
        var client = new DiagnosticsClient(server.ProcessId);
        using var session = client.StartEventPipeSession(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, gcKeyword | gcHeapCollectKeyword), requestRundown: false);
        var drain = session.EventStream.CopyToAsync(Stream.Null, cancellationToken);
        var waited = Stopwatch.StartNew();
        while ((await MetricsAsync(http, metrics, cancellationToken)).FullCollections <= fullCollectionsBefore && waited.Elapsed < TimeSpan.FromSeconds(30))
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

    private static async Task<Metrics> MetricsAsync(HttpClient http, Uri metrics, CancellationToken cancellationToken)
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
}
