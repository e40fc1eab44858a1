using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Benchmarks.Circuits;

/// <summary>
/// benchmark-circuits end to end on three dashboards: the exchange in its own process, clients on
/// Blazor's hub protocol, credits over the shared Redis (its figures are read by people, not asserted).
/// </summary>
[Integration]
public class CircuitsBenchmarkCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Three_live_dashboards_each_show_their_credit_and_none_drops()
    {
        var run = await AppProcess.BenchmarkAsync(folder.Path,
            ["benchmark-circuits", "--circuits", "3", "--redis", RedisServer.SharedConnectionString()], TimeSpan.FromMinutes(4));

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Matches(@"circuits connected\s+3 ", run.Output);
        Assert.Matches(@"circuits dropped\s+0", run.Output);
        Assert.Matches(@"updated\s+3 of 3 connected circuits", run.Output);
        Assert.Matches(@"event to client\s+p50 \d+ ms, p95 \d+ ms, p99 \d+ ms, max \d+ ms", run.Output);
        Assert.Matches(@"memory per circuit\s+-?\d+ KB working set, -?\d+ KB managed heap", run.Output);
        Assert.Contains("none dropped: OK", run.Output);
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_zero()
    {
        var run = await AppProcess.BenchmarkAsync(folder.Path, ["benchmark-circuits", "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("benchmark-circuits --circuits N", run.Output);
    }

    [Theory]
    [InlineData("--circuits", "none")]
    [InlineData("--circuits", "0")]
    [InlineData("--events-per-second", "0")]
    public async Task A_bad_option_says_what_the_verb_takes_and_exits_two(string option, string value)
    {
        var run = await AppProcess.BenchmarkAsync(folder.Path, ["benchmark-circuits", option, value]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("benchmark-circuits takes --circuits N (at least 1)", run.Error);
    }
}
