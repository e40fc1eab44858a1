namespace Exchange.Web.Cli;

/// <summary>
/// <c>Exchange.Web [verb] [--option value]...</c>. Options a verb declares go to the verb; everything
/// else (<c>--urls</c>, configuration overrides) goes to the host as usual.
/// </summary>
public sealed record CommandLine(string? Verb, IReadOnlyDictionary<string, string?> VerbOptions, string[] HostArgs)
{
    public static CommandLine Parse(string[] args) => Parse(args, verb => Verbs.Named(verb)?.OptionNames ?? []);

    /// <summary>Parses against a list of verbs other than this app's: <paramref name="optionNamesOf"/> gives the options each takes.</summary>
    public static CommandLine Parse(string[] args, Func<string, IReadOnlyCollection<string>> optionNamesOf)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
            return new CommandLine(null, new Dictionary<string, string?>(), args);

        var verb = args[0];
        var names = optionNamesOf(verb);
        var options = new Dictionary<string, string?>();
        var hostArgs = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !names.Contains(name))
            {
                hostArgs.Add(args[i]);
                continue;
            }
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[name] = hasValue ? args[++i] : null;
        }
        return new CommandLine(verb, options, hostArgs.ToArray());
    }
}
