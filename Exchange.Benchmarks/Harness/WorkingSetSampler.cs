using System.Diagnostics;

namespace Exchange.Benchmarks.Harness;

/// <summary>This process's working set and managed heap, sampled every 50 ms while a measured phase runs; the highest samples.</summary>
internal sealed class WorkingSetSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private long peak;
    private long peakManaged;

    private WorkingSetSampler() => sampling = SampleAsync();

    /// <summary>Starts from a compacted heap with its free memory given back, so what an untimed seed left behind is not counted.</summary>
    public static WorkingSetSampler Start()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return new WorkingSetSampler();
    }

    public long PeakBytes => Interlocked.Read(ref peak);

    /// <summary>The largest managed heap sampled (live objects and garbage not yet collected).</summary>
    public long PeakManagedBytes => Interlocked.Read(ref peakManaged);

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
        Raise(ref peak, self.WorkingSet64);
        Raise(ref peakManaged, GC.GetTotalMemory(forceFullCollection: false));
    }

    private static void Raise(ref long highest, long now)
    {
        long seen;
        while (now > (seen = Interlocked.Read(ref highest)) && Interlocked.CompareExchange(ref highest, now, seen) != seen) { }
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
