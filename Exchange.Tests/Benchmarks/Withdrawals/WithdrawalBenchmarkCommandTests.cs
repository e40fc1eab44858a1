using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Benchmarks.Withdrawals;

/// <summary>The withdrawal benchmark end to end on a small load (its figures are read by people, not asserted).</summary>
[Integration]
public class WithdrawalBenchmarkCommandTests
{
    [Fact]
    public async Task The_withdrawal_benchmark_follows_each_withdrawal_to_Completed_and_checks_it_was_paid_once()
    {
        var output = await RunAsync("benchmark-withdrawals", "--withdrawals", "3");

        Assert.Equal(0, output.ExitCode);
        Assert.Matches(@"completed\s+3 ", output.Text);
        Assert.Matches(@"UserWithdraw\s+3 \(1\.00 per withdrawal\)", output.Text);
        Assert.Contains("sweeps used", output.Text);
        Assert.Contains("correctness: every check held", output.Text);
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        var output = await RunAsync("benchmark-withdrawals", "--help");

        Assert.Equal(0, output.ExitCode);
        Assert.StartsWith("usage: benchmark-withdrawals ", output.Text);
    }

    [Fact]
    public async Task The_withdrawal_benchmark_refuses_a_bad_count_with_exit_code_2()
    {
        var output = await RunAsync("benchmark-withdrawals", "--withdrawals", "0");

        Assert.Equal(2, output.ExitCode);
        Assert.Contains("benchmark-withdrawals: --withdrawals takes a whole number of at least 1", output.Text);
    }

    private static Task<AppProcess.Run> RunAsync(params string[] args) =>
        AppProcess.BenchmarkAsync(null, args, TimeSpan.FromMinutes(10));
}
