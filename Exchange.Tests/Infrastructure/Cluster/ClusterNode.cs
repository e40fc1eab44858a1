using System.Text.RegularExpressions;
using Exchange.Benchmarks.Processes;

namespace Exchange.Tests.Infrastructure.Cluster;

/// <summary>
/// One node of the exchange: a real Exchange.Web process (Production, its jobs on their
/// schedules every second) on a store other nodes may share, talking to a Hub the test started.
/// A test kills it with <see cref="KillAsync"/> (SIGKILL: no shutdown code runs) and reads its log.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly ChildProcess process;

    private ClusterNode(ChildProcess process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    /// <summary>Where the node serves.</summary>
    public Uri Address { get; }

    /// <summary>The node's process id, for a test that signals it (SIGSTOP, SIGCONT).</summary>
    public int ProcessId => process.Id;

    /// <summary>Everything the node wrote to its console so far.</summary>
    public IReadOnlyCollection<string> Output => process.Lines;

    /// <summary>Starts a node and waits until it serves. <paramref name="settings"/> override the defaults below (configuration keys).</summary>
    public static async Task<ClusterNode> StartAsync(TestStore store, Uri hub, IReadOnlyDictionary<string, string>? settings = null)
    {
        var node = ExchangeApps.Web().InEnvironment("Production").WithSettings(Settings(store, hub, settings));
        var (process, address) = await ChildProcess.StartAsync(node with { Name = "The cluster node", WorkingDirectory = Path.Combine(RepositoryFolders.Root, "Exchange.Web") },
            started => started.ListeningAsync(TimeSpan.FromSeconds(60), cancellationToken: TestContext.Current.CancellationToken));
        return new ClusterNode(process, address);
    }

    private static Dictionary<string, string> Settings(TestStore store, Uri hub, IReadOnlyDictionary<string, string>? overrides)
    {
        var settings = new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Hub:Url"] = hub.ToString().TrimEnd('/'),
            ["DemoAccounts:Enabled"] = "false",
            ["DataProtection:AllowUnencryptedKeys"] = "true",
            ["Jobs:BalanceCheckInterval"] = "00:00:01",
            ["Jobs:HotWalletSweepInterval"] = "00:00:01",
            ["Jobs:WithdrawalInterval"] = "00:00:01",
            ["Jobs:SweepMonitorInterval"] = "00:00:01",
            ["Jobs:ClusterCheckinInterval"] = "00:00:01",
            ["Jobs:ClusterCheckinMisfireThreshold"] = "00:00:02",
            ["Jobs:SqliteLeaseDuration"] = "00:00:03",
        };
        foreach (var (key, value) in ExchangeAppFactory.OutsideDevelopment) settings[key] = value;
        foreach (var (key, value) in store.Settings) settings[key] = value!;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>()) settings[key] = value;
        return settings;
    }

    /// <summary>Waits until the node's log has a line matching <paramref name="pattern"/>.</summary>
    public Task<string> WaitForLogAsync(string pattern, TimeSpan timeout) =>
        process.WaitForLineAsync(line => Regex.IsMatch(line, pattern), timeout, TestContext.Current.CancellationToken);

    /// <summary>SIGKILL: the process ends at once, in the middle of whatever it does; returns once it has gone.</summary>
    public Task KillAsync() => process.KillAsync();

    /// <summary>SIGKILL, without waiting until it has gone (<see cref="KillAsync"/> waits).</summary>
    public void Kill() => process.Kill();

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
