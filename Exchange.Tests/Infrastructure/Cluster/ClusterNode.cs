using System.Text.RegularExpressions;

namespace Exchange.Tests.Infrastructure.Cluster;

/// <summary>
/// One node of the exchange: a real Exchange.Web process (Production, its jobs on their
/// schedules every second) on a store other nodes may share, talking to a Hub the test started.
/// A test kills it with <see cref="Kill"/> (SIGKILL: no shutdown code runs) and reads its log.
/// </summary>
public sealed partial class ClusterNode : IAsyncDisposable
{
    private readonly ExchangeProcess process;

    private ClusterNode(ExchangeProcess process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    /// <summary>Where the node serves.</summary>
    public Uri Address { get; }

    /// <summary>Everything the node wrote to its console so far.</summary>
    public IReadOnlyCollection<string> Output => process.Output;

    /// <summary>Starts a node and waits until it serves. <paramref name="settings"/> override the defaults below (configuration keys).</summary>
    public static async Task<ClusterNode> StartAsync(TestStore store, Uri hub, IReadOnlyDictionary<string, string>? settings = null)
    {
        var process = ExchangeProcess.Start("Production", [.. Settings(store, hub, settings).Select(s => $"--{s.Key}={s.Value}")]);
        try
        {
            var listening = await process.LineAsync(line => Listening().IsMatch(line) || line.Contains("Unhandled exception", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            if (Listening().Match(listening) is not { Success: true } match) throw new InvalidOperationException(string.Join('\n', process.Output));
            return new ClusterNode(process, new Uri(match.Groups[1].Value));
        }
        catch
        {
            process.Dispose();
            throw;
        }
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
            if (Output.FirstOrDefault(line => Regex.IsMatch(line, pattern)) is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The node logged nothing matching '{pattern}' within {timeout}. Its log:\n{string.Join('\n', Output)}");
            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: the process ends at once, in the middle of whatever it does.</summary>
    public void Kill() => process.Kill();

    public ValueTask DisposeAsync()
    {
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")]
    private static partial Regex Listening();
}
