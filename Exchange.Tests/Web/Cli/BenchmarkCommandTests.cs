using System.Diagnostics;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.Cli;

/// <summary>The benchmark verb runs end to end on a small load (its figures are read by people, not asserted).</summary>
[Integration]
public class BenchmarkCommandTests
{
    [Fact]
    public async Task The_benchmark_credits_every_seeded_deposit_and_prints_its_figures()
    {
        var output = await RunAsync("benchmark", "--users", "50", "--deposits", "120");

        Assert.Equal(0, output.ExitCode);
        Assert.Contains("credited              120", output.Text);
        Assert.Contains("Hub calls", output.Text);
        Assert.Contains("wall time", output.Text);
    }

    [Fact]
    public async Task The_history_benchmark_renders_the_first_page_over_seeded_entries_and_prints_its_figures()
    {
        var output = await RunAsync("benchmark-history", "--rows", "500");

        Assert.Equal(0, output.ExitCode);
        Assert.Contains("ledger rows           500", output.Text);
        Assert.Matches(@"p95\s+\d+\.\d ms", output.Text);
    }

    [Fact]
    public async Task The_benchmark_refuses_fewer_deposits_than_users()
    {
        var output = await RunAsync("benchmark", "--users", "50", "--deposits", "10");

        Assert.Equal(2, output.ExitCode);
        Assert.Contains("--deposits D (at least U)", output.Text);
    }

    private static async Task<(int ExitCode, string Text)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Exchange.Web.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
