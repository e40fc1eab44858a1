using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.Cli;

/// <summary>The app's verbs are the ones an operator runs; benchmarks are Exchange.Benchmarks' verbs.</summary>
[Integration]
public class VerbsTests
{
    [Fact]
    public async Task A_benchmark_verb_is_unknown_to_the_app_which_names_its_operational_verbs()
    {
        var run = await AppProcess.RunAsync(null, ["benchmark", "--users", "3"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Unknown command 'benchmark'. Known commands: migrate, create-operator, probe, verify-proof, hub-emulator.\n", run.Error);
    }
}
