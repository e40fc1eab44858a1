using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Benchmarks.History;

/// <summary>The history benchmark end to end on a small ledger (its figures are read by people, not asserted).</summary>
[Integration]
public class HistoryBenchmarkCommandTests
{
    [Fact]
    public async Task The_history_benchmark_renders_the_first_page_over_seeded_entries_and_prints_its_figures()
    {
        var output = await AppProcess.BenchmarkAsync(null, ["benchmark-history", "--rows", "500"], TimeSpan.FromMinutes(10));

        Assert.Equal(0, output.ExitCode);
        Assert.Contains("ledger rows           500", output.Text);
        Assert.Matches(@"p95\s+\d+\.\d ms", output.Text);
    }
}
