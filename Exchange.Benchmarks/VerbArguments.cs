using Exchange.Web.Cli;

namespace Exchange.Benchmarks;

/// <summary>A benchmark verb's options, read with a specific message for each one that is wrong.</summary>
internal sealed class VerbArguments(CommandLine command)
{
    private readonly List<string> problems = command.HostArgs.Length == 0 ? [] : [$"unknown option(s): {string.Join(' ', command.HostArgs)}"];

    public IReadOnlyList<string> Problems => problems;

    public bool Help => command.VerbOptions.ContainsKey("help");

    public int Int(string name, int fallback, int minimum, string example)
    {
        if (!command.VerbOptions.TryGetValue(name, out var text)) return fallback;
        if (int.TryParse(text, out var value) && value >= minimum) return value;
        problems.Add($"--{name} takes a whole number of at least {minimum} (e.g. --{name} {example}), not '{text}'");
        return fallback;
    }

    public string Choice(string name, string fallback, params string[] choices)
    {
        if (!command.VerbOptions.TryGetValue(name, out var text)) return fallback;
        if (text is not null && choices.Contains(text)) return text;
        problems.Add($"--{name} takes {string.Join(" or ", choices)}, not '{text}'");
        return fallback;
    }

    public string? Text(string name, string? fallback)
    {
        if (!command.VerbOptions.TryGetValue(name, out var text)) return fallback;
        if (!string.IsNullOrWhiteSpace(text)) return text;
        problems.Add($"--{name} needs a value");
        return fallback;
    }

    public void Problem(string message) => problems.Add(message);

    /// <summary>Writes the problems and the usage to stderr; 2, the exit code of a bad command line.</summary>
    public async Task<int> RefuseAsync(string verb, string usage)
    {
        foreach (var problem in problems) await Console.Error.WriteLineAsync($"{verb}: {problem}");
        await Console.Error.WriteLineAsync(usage);
        return 2;
    }
}
