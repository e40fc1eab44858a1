using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Benchmarks;

/// <summary>Exchange.Benchmarks' command line: a verb per benchmark, each with its own --help.</summary>
[Integration]
public class BenchmarkVerbsTests
{
    private const string Known = "Known verbs: benchmark, benchmark-withdrawals, benchmark-history, benchmark-screen, benchmark-pages, benchmark-hub, benchmark-circuits, benchmark-proof.";

    [Fact]
    public async Task An_unknown_verb_is_refused_with_exit_code_2_and_the_list_of_benchmarks()
    {
        var run = await AppProcess.BenchmarkAsync(null, ["benchmark-everything"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"Unknown verb 'benchmark-everything'.\n{Known}\n", run.Error);
    }

    [Fact]
    public async Task Help_lists_the_benchmarks_and_how_to_run_one()
    {
        var run = await AppProcess.BenchmarkAsync(null, ["--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"usage: dotnet run -c Release --project Exchange.Benchmarks -- VERB [--option value]... (VERB --help for its options)\n{Known}\n", run.Output);
    }
}
