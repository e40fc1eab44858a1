using System.Diagnostics;

namespace Exchange.Benchmarks.Harness;

/// <summary>This process's working set, sampled every 50 ms while a measured phase runs; the highest sample.</summary>
internal sealed class WorkingSetSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private long peak;

    private WorkingSetSampler() => sampling = SampleAsync();

    /// <summary>Starts from a compacted heap with its free memory given back, so what an untimed seed left behind is not counted.</summary>
    public static WorkingSetSampler Start()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return new WorkingSetSampler();
    }

    public long PeakBytes => Interlocked.Read(ref peak);

    /// <summary>Stops sampling; the peak of the phase.</summary>
    public async Task<long> StopAsync()
    {
        await stop.CancelAsync();
        await sampling;
        Sample();
        return PeakBytes;
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            do Sample();
            while (await timer.WaitForNextTickAsync(stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        using var self = Process.GetCurrentProcess();
        var now = self.WorkingSet64;
        long seen;
        while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested) await StopAsync();
        stop.Dispose();
    }

    public static long ProcessPeakBytes()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }
}
