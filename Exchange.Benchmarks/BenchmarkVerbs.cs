using Exchange.Benchmarks.Circuits;
using Exchange.Benchmarks.Deposits;
using Exchange.Benchmarks.Emulator;
using Exchange.Benchmarks.History;
using Exchange.Benchmarks.Pages;
using Exchange.Benchmarks.Proofs;
using Exchange.Benchmarks.Screen;
using Exchange.Benchmarks.Withdrawals;
using Exchange.Web.Cli;

namespace Exchange.Benchmarks;

/// <summary>A verb of <c>Exchange.Benchmarks VERB [--option value]...</c>: the options it takes and how it runs.</summary>
internal sealed record BenchmarkVerb(string Name, string[] OptionNames, Func<CommandLine, Task<int>> RunAsync);

internal static class BenchmarkVerbs
{
    public const string Usage = "usage: dotnet run -c Release --project Exchange.Benchmarks -- VERB [--option value]... (VERB --help for its options)";

    /// <summary>Every verb there is; the list of known ones is made from it.</summary>
    public static readonly IReadOnlyList<BenchmarkVerb> All =
    [
        new(DepositBenchmarkCommand.Verb, DepositBenchmarkCommand.OptionNames, DepositBenchmarkCommand.RunAsync),
        new(WithdrawalBenchmarkCommand.Verb, WithdrawalBenchmarkCommand.OptionNames, WithdrawalBenchmarkCommand.RunAsync),
        new(HistoryBenchmarkCommand.Verb, HistoryBenchmarkCommand.OptionNames, command => HistoryBenchmarkCommand.RunAsync(command.VerbOptions)),
        new(ScreenBenchmarkCommand.Verb, ScreenBenchmarkCommand.OptionNames, command => ScreenBenchmarkCommand.RunAsync(command.VerbOptions)),
        new(PagesBenchmarkCommand.Verb, PagesBenchmarkCommand.OptionNames, command => PagesBenchmarkCommand.RunAsync(command.VerbOptions)),
        new(HubBenchmarkCommand.Verb, HubBenchmarkCommand.OptionNames, command => HubBenchmarkCommand.RunAsync(command.VerbOptions, command.HostArgs)),
        new(CircuitsBenchmarkCommand.Verb, CircuitsBenchmarkCommand.OptionNames, command => CircuitsBenchmarkCommand.RunAsync(command.VerbOptions)),
        new(ProofBenchmarkCommand.Verb, ProofBenchmarkCommand.OptionNames, ProofBenchmarkCommand.RunAsync),
    ];

    public static BenchmarkVerb? Named(string? name) => All.FirstOrDefault(verb => verb.Name == name);

    public static string Known => $"Known verbs: {string.Join(", ", All.Select(verb => verb.Name))}.";
}
