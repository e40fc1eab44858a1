using Exchange.Web.Cli;

namespace Exchange.Benchmarks;

/// <summary><c>dotnet run -c Release --project Exchange.Benchmarks -- VERB [--option value]...</c>: one benchmark or load client of the exchange.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var command = CommandLine.Parse(args, name => BenchmarkVerbs.Named(name)?.OptionNames ?? []);
        if (BenchmarkVerbs.Named(command.Verb) is { } verb)
            return await verb.RunAsync(command);
        if (command is { Verb: null, HostArgs: ["--help"] })
        {
            Console.WriteLine($"{BenchmarkVerbs.Usage}{Environment.NewLine}{BenchmarkVerbs.Known}");
            return 0;
        }
        var problem = command.Verb is null ? BenchmarkVerbs.Usage : $"Unknown verb '{command.Verb}'.";
        await Console.Error.WriteLineAsync($"{problem}{Environment.NewLine}{BenchmarkVerbs.Known}");
        return 2;
    }
}
