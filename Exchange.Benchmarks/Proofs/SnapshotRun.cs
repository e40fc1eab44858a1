using System.Diagnostics;
using Exchange.Benchmarks.Harness;
using Exchange.Core.Proofs;

namespace Exchange.Benchmarks.Proofs;

/// <summary>
/// One snapshot's build: what it came to, how long it took, the processor time this process spent on it
/// (which a busy machine stretches less than the wall time), and the memory it used.
/// </summary>
internal sealed record SnapshotFigures(SnapshotOutcome Outcome, TimeSpan Build, TimeSpan Processor, long WorkingSetBefore, long PeakWorkingSet, long PeakManaged);

internal static class SnapshotRun
{
    /// <summary>A snapshot taken by Core's builder, the one call the scheduled job and an operator's request both end in.</summary>
    public static async Task<SnapshotFigures> TakeAsync(IServiceProvider services)
    {
        var builder = services.GetRequiredService<ProofSnapshotBuilder>();
        await using var memory = WorkingSetSampler.Start();
        var (before, processor) = Now();
        var clock = Stopwatch.StartNew();
        var outcome = await builder.TakeAsync(null, CancellationToken.None);
        clock.Stop();
        var peak = await memory.StopAsync();
        return new SnapshotFigures(outcome, clock.Elapsed, Now().Processor - processor, before, peak, memory.PeakManagedBytes);
    }

    private static (long WorkingSet, TimeSpan Processor) Now()
    {
        using var self = Process.GetCurrentProcess();
        return (self.WorkingSet64, self.TotalProcessorTime);
    }
}
