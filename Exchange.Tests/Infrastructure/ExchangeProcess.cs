using Exchange.Benchmarks.Processes;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// Exchange.Web as a real child process from its project folder, as `dotnet run` starts it, with its
/// console read line by line: a <see cref="ChildProcess"/> whose waits end with the test. Disposing
/// kills it if it still runs.
/// </summary>
public sealed class ExchangeProcess : IAsyncDisposable, IDisposable
{
    private ExchangeProcess(ChildProcess process) => Process = process;

    /// <summary>The launcher's own handle, for anything else (its lines, its process id).</summary>
    public ChildProcess Process { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Outside Development the key ring needs a certificate; a test of that passes the setting itself.
    public static ExchangeProcess Start(string environment, params string[] args)
    {
        var start = ExchangeApps.Web(args).InEnvironment(environment);
        var variables = new Dictionary<string, string>(start.EnvironmentVariables) { ["DataProtection__AllowUnencryptedKeys"] = "true" };
        foreach (var (key, value) in ExchangeAppFactory.OutsideDevelopment) variables[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return new(ChildProcess.Start(start with { WorkingDirectory = Path.Combine(RepositoryFolders.Root, "Exchange.Web"), EnvironmentVariables = variables }));
    }

    public int ExitCode => Process.ExitCode;

    /// <summary>The next console line (in order) that <paramref name="wanted"/> accepts; every line read on the way goes to <paramref name="seen"/>.</summary>
    public Task<string> LineAsync(Func<string, bool> wanted, TimeSpan within, Action<string>? seen = null) => Process.LineAsync(wanted, within, seen, Token);

    /// <summary>The first address it says it listens on that <paramref name="accept"/> takes (any, unless given).</summary>
    public Task<Uri> ListeningAsync(TimeSpan within, Func<Uri, bool>? accept = null) => Process.ListeningAsync(within, accept, Token);

    /// <summary>What `docker stop` sends.</summary>
    public Task TerminateAsync() => Process.TerminateAsync();

    /// <summary>Whether the process ended within <paramref name="deadline"/>.</summary>
    public Task<bool> ExitedWithinAsync(TimeSpan deadline) => Process.ExitedWithinAsync(deadline, Token);

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort() => Loopback.FreePort();

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    public void Dispose() => Process.Dispose();
}
