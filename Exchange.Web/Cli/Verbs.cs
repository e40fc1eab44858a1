namespace Exchange.Web.Cli;

/// <summary>
/// A verb of <c>Exchange.Web VERB [--option value]...</c>: the options it takes and how it runs.
/// <paramref name="Alone"/> runs without the web app; <paramref name="OnApp"/> gets the built app
/// (after its database is prepared when <paramref name="OnPreparedDatabase"/>).
/// </summary>
public sealed record Verb(
    string Name,
    string[] OptionNames,
    Func<CommandLine, Task<int>>? Alone = null,
    Func<CommandLine, WebApplication, Task<int>>? OnApp = null,
    bool OnPreparedDatabase = false);

public static class Verbs
{
    /// <summary>Every verb there is; the list of known commands is made from it.</summary>
    public static readonly IReadOnlyList<Verb> All =
    [
        new(MigrateCommand.Verb, [], OnApp: (_, app) => MigrateCommand.RunAsync(app.Services, Console.Out, Console.Error)),
        new(CreateOperatorCommand.Verb, CreateOperatorCommand.OptionNames, OnPreparedDatabase: true,
            OnApp: (command, app) => CreateOperatorCommand.RunAsync(app.Services, command.VerbOptions, Console.Out, Console.Error)),
        new(ProbeCommand.Verb, [], command => ProbeCommand.RunAsync(command.HostArgs, Console.Out, Console.Error)),
        new(VerifyProofCommand.Verb, VerifyProofCommand.OptionNames, command => VerifyProofCommand.RunAsync(command.HostArgs, command.VerbOptions, Console.Out, Console.Error)),
        new(HubEmulatorCommand.Verb, [], command => HubEmulatorCommand.RunAsync(command.HostArgs)),
    ];

    public static Verb? Named(string? name) => All.FirstOrDefault(verb => verb.Name == name);

    public static string Unknown(string name) => $"Unknown command '{name}'. Known commands: {string.Join(", ", All.Select(verb => verb.Name))}.";
}
