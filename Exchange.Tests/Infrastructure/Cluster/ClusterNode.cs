using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Exchange.Tests.Infrastructure.Cluster;

/// <summary>
/// One node of the exchange: a real Exchange.Web process (Production, its jobs on their
/// schedules every second) on a store other nodes may share, talking to a Hub the test started.
/// A test kills it with <see cref="Kill"/> (SIGKILL: no shutdown code runs) and reads its log.
/// </summary>
public sealed partial class ClusterNode : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ClusterNode(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Where the node serves, once it does.</summary>
    public Uri Address => listening.Task.Result;

    /// <summary>The node's process id, for a test that signals it (SIGSTOP, SIGCONT).</summary>
    public int ProcessId => process.Id;

    /// <summary>Everything the node wrote to its console so far.</summary>
    public IReadOnlyCollection<string> Output => output;

    /// <summary>Starts a node and waits until it serves. <paramref name="settings"/> override the defaults below (configuration keys).</summary>
    public static async Task<ClusterNode> StartAsync(TestStore store, Uri hub, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(RepositoryFolders.Root, "Exchange.Web"),
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Exchange.Web.dll"));
        foreach (var (key, value) in Settings(store, hub, settings)) start.ArgumentList.Add($"--{key}={value}");
        var node = new ClusterNode(Process.Start(start)!);
        try
        {
            await node.listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
        return node;
    }

    private static Dictionary<string, string> Settings(TestStore store, Uri hub, IReadOnlyDictionary<string, string>? overrides)
    {
        var settings = new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Hub:Url"] = hub.ToString().TrimEnd('/'),
            ["DemoAccounts:Enabled"] = "false",
            ["Jobs:BalanceCheckInterval"] = "00:00:01",
            ["Jobs:HotWalletSweepInterval"] = "00:00:01",
            ["Jobs:WithdrawalInterval"] = "00:00:01",
            ["Jobs:SweepMonitorInterval"] = "00:00:01",
            ["Jobs:ClusterCheckinInterval"] = "00:00:01",
            ["Jobs:ClusterCheckinMisfireThreshold"] = "00:00:02",
            ["Jobs:SqliteLeaseDuration"] = "00:00:03",
        };
        foreach (var (key, value) in store.Settings) settings[key] = value!;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>()) settings[key] = value;
        return settings;
    }

    /// <summary>Waits until the node's log has a line matching <paramref name="pattern"/>.</summary>
    public async Task<string> WaitForLogAsync(string pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (output.FirstOrDefault(line => Regex.IsMatch(line, pattern)) is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The node logged nothing matching '{pattern}' within {timeout}. Its log:\n{string.Join('\n', output)}");
            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: the process ends at once, in the middle of whatever it does.</summary>
    public void Kill()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    private void Read(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        if (Listening().Match(line) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups[1].Value));
        if (line.Contains("Unhandled exception", StringComparison.Ordinal)) listening.TrySetException(new InvalidOperationException(string.Join('\n', output)));
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        listening.TrySetCanceled();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")]
    private static partial Regex Listening();
}
