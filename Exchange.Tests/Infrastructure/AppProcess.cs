using Exchange.Benchmarks.Processes;

namespace Exchange.Tests.Infrastructure;

/// <summary>The built Exchange.Web (or Exchange.Benchmarks) run as a child process to its exit, as an operator runs a verb.</summary>
public static class AppProcess
{
    public sealed record Run(int ExitCode, string Output, string Error)
    {
        /// <summary>Standard output, then standard error.</summary>
        public string Text => Output + Error;
    }

    /// <summary>
    /// Runs Exchange.Web with <paramref name="args"/> in <paramref name="workingDirectory"/> (null: the
    /// app's own folder); a process still running after <paramref name="deadline"/> (3 minutes unless
    /// given) is killed and fails the test.
    /// </summary>
    public static Task<Run> RunAsync(string? workingDirectory, IEnumerable<string> args, TimeSpan? deadline = null) =>
        RunAsync(ExchangeApps.Web(args), workingDirectory, deadline);

    /// <summary>
    /// Runs a verb of Exchange.Benchmarks, as <see cref="RunAsync(string?, IEnumerable{string}, TimeSpan?)"/> runs the app's,
    /// without the tests' signing key: a person running a benchmark has none, so each verb must bring its own.
    /// </summary>
    public static Task<Run> BenchmarkAsync(string? workingDirectory, IEnumerable<string> args, TimeSpan? deadline = null)
    {
        var verb = ExchangeApps.Benchmarks(args);
        return RunAsync(verb with { EnvironmentVariables = new Dictionary<string, string>(verb.EnvironmentVariables) { [TestSigningKey.Variable] = "" } }, workingDirectory, deadline);
    }

    private static async Task<Run> RunAsync(ChildStart app, string? workingDirectory, TimeSpan? deadline)
    {
        var start = workingDirectory is null ? app : app with { WorkingDirectory = workingDirectory };
        var run = await ChildProcess.RunAsync(start, deadline ?? TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
        return new Run(run.ExitCode, run.Output, run.Error);
    }
}
