using System.Globalization;
using Exchange.Benchmarks.Harness;

namespace Exchange.Benchmarks.Deposits;

/// <summary>The deposit benchmark's figures: one column per run, the ratio of the two when both moved the deposits.</summary>
internal static class BenchmarkTable
{
    private const long MB = 1024 * 1024;

    public static void Print(TextWriter output, string provider, RunFigures ours, (RunFigures Figures, GuideBatch Batch)? guide)
    {
        var runs = guide is { } g ? new[] { ours, g.Figures } : [ours];
        output.WriteLine();
        Row(output, $"on {provider}", runs, r => r.Name == "exchange" ? "exchange" : "guide");
        Row(output, "users", runs, r => N(r.Users));
        Row(output, "deposits", runs, r => N(r.Deposits));
        Row(output, "credited", runs, r => r.Name == "exchange" ? N(r.Postings) : $"{N(r.Postings)} users");
        Row(output, "amount credited (i)", runs, r => N(r.AmountCredited));
        Row(output, "moved to hot wallet (i)", runs, r => N(r.Moved));
        Row(output, "Hub events read", runs, r => r.EventsRead is { } events ? N(events) : "-");
        Row(output, "deposits per second", runs, r => r.Moved > 0 ? N((long)r.DepositsPerSecond) : "0 (none moved)");
        Row(output, "wall time (s)", runs, r => S(r.Wall));
        Row(output, "  crediting (s)", runs, r => S(r.Crediting));
        Row(output, "  moving (s)", runs, r => S(r.Moving));
        Row(output, "cost per deposit (µs)", runs, r => r.MicrosecondsPerDeposit.ToString("0.0", CultureInfo.InvariantCulture));
        Row(output, "Hub calls", runs, r => N(r.HubCalls));
        Row(output, "peak working set (MB)", runs, r => N(r.PeakWorkingSet / MB));
        output.WriteLine($"{"",-26}(sampled while the run was timed, from a compacted heap)");
        output.WriteLine($"{"process peak working set",-26}{WorkingSetSampler.ProcessPeakBytes() / MB} MB (the exchange alone: the Hub emulator runs in its own process)");
        if (guide is { } baseline) Compare(output, ours, baseline.Figures, baseline.Batch);
    }

    private static void Compare(TextWriter output, RunFigures ours, RunFigures guide, GuideBatch batch)
    {
        output.WriteLine($"{"guide's transfer batch",-26}{batch.Transfers} transfers in one ProcessTransferBatch of {N(batch.Bytes)} bytes (Hub's limit: 10,000)");
        if (batch.Failure is null)
        {
            output.WriteLine($"{"ratio exchange / guide",-26}{ours.DepositsPerSecond / guide.DepositsPerSecond:0.00}x deposits per second, {(double)ours.HubCalls / guide.HubCalls:0.000}x Hub calls");
            return;
        }
        output.WriteLine($"{"guide's result",-26}credited {N(guide.AmountCredited)} i to {N(guide.Postings)} users, then the batch failed: {batch.Failure}");
        output.WriteLine($"{"",-26}nothing moved to its hot wallet; sent again, as every later run sends it (only ever larger): {batch.FailureAgain ?? "applied"}");
        output.WriteLine($"{"ratio exchange / guide",-26}none: the guide cannot move these deposits at all");
    }

    private static void Row(TextWriter output, string name, IEnumerable<RunFigures> runs, Func<RunFigures, string> value) =>
        output.WriteLine($"{name,-26}{string.Concat(runs.Select(r => $"{value(r),16}"))}");

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string S(TimeSpan value) => value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
}
