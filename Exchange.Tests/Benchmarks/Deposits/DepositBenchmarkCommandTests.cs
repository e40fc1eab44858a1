using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Benchmarks.Deposits;

/// <summary>The deposit benchmark end to end on a small load (its figures are read by people, not asserted).</summary>
[Integration]
public class DepositBenchmarkCommandTests
{
    private const string AllHeld = "correctness: every check held";

    [Fact]
    public async Task The_benchmark_credits_every_seeded_deposit_once_moves_it_and_prints_its_figures()
    {
        var output = await RunAsync("benchmark", "--users", "3", "--deposits", "5");

        Assert.Equal(0, output.ExitCode);
        Assert.Matches(@"credited\s+5\n", output.Text);
        Assert.Matches(@"moved to hot wallet \(i\)\s+5,000,010\n", output.Text);
        Assert.Contains("Hub calls", output.Text);
        Assert.Contains("process peak working set", output.Text);
        Assert.Contains(AllHeld, output.Text);
    }

    [Fact]
    public async Task The_guide_baseline_runs_on_users_seeded_alike_and_the_two_are_compared()
    {
        var output = await RunAsync("benchmark", "--users", "3", "--deposits", "5", "--baseline", "guide");

        Assert.Equal(0, output.ExitCode);
        Assert.Matches(@"credited\s+5\s+3 users\n", output.Text);
        Assert.Matches(@"ratio exchange / guide\s+\d+\.\d\dx deposits per second", output.Text);
        Assert.Contains("ok     after the guide's run: ledger owes", output.Text);
    }

    [Fact]
    public async Task Above_Hubs_request_limit_the_guides_single_batch_fails_and_that_is_its_result()
    {
        // 250 users: the guide's one batch names 251 Hub users and is just over 10,000 bytes.
        var output = await RunAsync("benchmark", "--users", "250", "--baseline", "guide");

        Assert.Equal(0, output.ExitCode);
        Assert.Matches(@"251 transfers in one ProcessTransferBatch of 10,\d{3} bytes", output.Text);
        Assert.Contains("then the batch failed: Hub closed the connection", output.Text);
        Assert.Contains("sent again, as every later run sends it (only ever larger): Hub closed the connection", output.Text);
        Assert.Contains("none: the guide cannot move these deposits at all", output.Text);
        Assert.Contains(AllHeld, output.Text);
    }

    [Fact]
    public async Task The_benchmark_runs_on_a_fresh_PostgreSQL_database()
    {
        var output = await RunAsync("benchmark", "--users", "3", "--deposits", "5", "--provider", "postgres", "--database", PostgresServer.ConnectionString);

        Assert.Equal(0, output.ExitCode);
        Assert.Contains("on PostgreSql", output.Text);
        Assert.Matches(@"credited\s+5\n", output.Text);
        Assert.Contains(AllHeld, output.Text);
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        var output = await RunAsync("benchmark", "--help");

        Assert.Equal(0, output.ExitCode);
        Assert.StartsWith("usage: benchmark ", output.Text);
    }

    [Theory]
    [InlineData("--users 50 --deposits 10", "--deposits D (at least U)")]
    [InlineData("--users none", "--users takes a whole number of at least 1 (e.g. --users 10000), not 'none'")]
    [InlineData("--provider oracle", "--provider takes sqlite or postgres, not 'oracle'")]
    [InlineData("--baseline django", "--baseline takes guide, not 'django'")]
    [InlineData("--user 5", "unknown option(s): --user 5")]
    public async Task The_benchmark_refuses_a_bad_option_with_exit_code_2_and_says_why(string options, string message)
    {
        var output = await RunAsync(["benchmark", .. options.Split(' ')]);

        Assert.Equal(2, output.ExitCode);
        Assert.Contains($"benchmark: {message}", output.Text);
        Assert.Contains("usage: benchmark ", output.Text);
    }

    private static Task<AppProcess.Run> RunAsync(params string[] args) =>
        AppProcess.BenchmarkAsync(null, args, TimeSpan.FromMinutes(10));
}
