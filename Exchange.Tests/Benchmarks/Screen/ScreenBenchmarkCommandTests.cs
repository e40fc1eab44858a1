using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Benchmarks.Screen;

/// <summary>benchmark-screen at a tiny size: deposits followed to a dashboard open in headless chromium (its figures are read by people, not asserted).</summary>
[Browser]
public class ScreenBenchmarkCommandTests
{
    [Fact]
    public async Task Each_deposit_reaches_the_dashboard_in_chromium_credited_once_and_the_figures_are_printed()
    {
        var run = await RunAsync("benchmark-screen", "--deposits", "2");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Matches(@"DEPOSIT to screen\s+p50 \d+ ms, p95 \d+ ms, max \d+ ms", run.Output);
        Assert.Contains("every deposit on the screen, credited once: OK", run.Output);
    }

    [Fact]
    public async Task Help_prints_the_usage()
    {
        var run = await RunAsync("benchmark-screen", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("benchmark-screen [--deposits N]", run.Output);
    }

    [Fact]
    public async Task A_bad_number_of_deposits_is_refused_with_what_it_takes()
    {
        var run = await RunAsync("benchmark-screen", "--deposits", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--deposits N takes a whole number of at least 1", run.Error);
    }

    private static Task<AppProcess.Run> RunAsync(params string[] args) =>
        AppProcess.BenchmarkAsync(Path.GetTempPath(), args, TimeSpan.FromMinutes(3));
}
