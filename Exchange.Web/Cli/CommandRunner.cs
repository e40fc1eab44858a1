namespace Exchange.Web.Cli;

public static class CommandRunner
{
    public static async Task<int> RunAsync(CommandLine command, IServiceProvider services)
    {
        switch (command.Verb)
        {
            case CreateOperatorCommand.Verb:
                return await CreateOperatorCommand.RunAsync(services, command.VerbOptions, Console.Out, Console.Error);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command.Verb}'. Known commands: {MigrateCommand.Verb}, {CreateOperatorCommand.Verb}, {ProbeCommand.Verb}, {HubEmulatorCommand.Verb}, {BenchmarkCommand.Verb}, {HistoryBenchmarkCommand.Verb}, {ScreenBenchmarkCommand.Verb}, {Circuits.CircuitsBenchmarkCommand.Verb}.");
                return 2;
        }
    }
}
