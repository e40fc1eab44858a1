using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Benchmarks.Emulator;

/// <summary>benchmark-hub runs end to end on a small Hub (its figures are read by people, not asserted).</summary>
[Integration]
public class HubBenchmarkCommandTests
{
    [Fact]
    public async Task The_hub_benchmark_seeds_reopens_and_checks_its_answers_and_prints_its_table()
    {
        var output = await RunAsync("benchmark-hub", "--users", "30", "--deposits", "70");

        Assert.Equal(0, output.ExitCode);
        Assert.Matches(@"deposits\s+70\r?\n", output.Text);
        Assert.Matches(@"BalanceSubscription \(all\)\s+211 events", output.Text);
        Assert.Contains("restart (load the file)", output.Text);
        Assert.Contains("peak working set", output.Text);
        Assert.Contains("OK: GetStats equals the sum deposited", output.Text);
    }

    [Fact]
    public async Task Help_prints_the_usage_and_a_bad_option_is_refused_with_exit_code_2()
    {
        var help = await RunAsync("benchmark-hub", "--help");
        var bad = await RunAsync("benchmark-hub", "--users", "many");
        var fewer = await RunAsync("benchmark-hub", "--users", "10", "--deposits", "5");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("benchmark-hub --users U --deposits D", help.Text);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--users takes a whole number of at least 1, not 'many'", bad.Text);
        Assert.Equal(2, fewer.ExitCode);
        Assert.Contains("--deposits takes a whole number of at least --users (10), not '5'", fewer.Text);
    }

    private static Task<AppProcess.Run> RunAsync(params string[] args) =>
        AppProcess.BenchmarkAsync(null, args, TimeSpan.FromMinutes(10));
}
