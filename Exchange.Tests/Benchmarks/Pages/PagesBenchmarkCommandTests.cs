using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Benchmarks.Pages;

/// <summary>benchmark-pages at a tiny size: users signed in over HTTP against the exchange in its own process, every answer checked (its figures are read by people, not asserted).</summary>
[Integration]
public class PagesBenchmarkCommandTests
{
    [Fact]
    public async Task Signed_in_users_fetch_every_page_with_their_own_figures_and_the_table_is_printed()
    {
        var run = await RunAsync("benchmark-pages", "--users", "2", "--rows", "200", "--seconds", "1", "--warm-up", "1");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("every answer 200 with the user's own balance, address or entries: OK", run.Output);
        foreach (var page in new[] { "dashboard", "deposit", "history", "api balances", "api history" })
            Assert.Matches($@"(?m)^{page}\s+\d+\s+0\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+$", run.Output);
    }

    [Fact]
    public async Task Help_prints_the_usage()
    {
        var run = await RunAsync("benchmark-pages", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("benchmark-pages [--users U] [--rows N] [--seconds S] [--warm-up W]", run.Output);
    }

    [Theory]
    [InlineData("--users", "0", "--users U takes a whole number of at least 1")]
    [InlineData("--rows", "100", "--rows N takes a whole number of at least 30 per user (1500 for 50)")]
    [InlineData("--seconds", "soon", "--seconds S takes a whole number of at least 1")]
    [InlineData("--warm-up", "-5", "--warm-up W takes a whole number of seconds, 0 or more")]
    public async Task A_bad_option_is_refused_with_what_it_takes(string option, string value, string message)
    {
        var run = await RunAsync("benchmark-pages", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    private static Task<AppProcess.Run> RunAsync(params string[] args) =>
        AppProcess.BenchmarkAsync(Path.GetTempPath(), args, TimeSpan.FromMinutes(3));
}
