using Exchange.Benchmarks.Harness;
using Exchange.Benchmarks.Processes;

namespace Exchange.Benchmarks.Serving;

/// <summary>
/// Exchange.Web started as a server in a child process, as an operator runs it: Kestrel
/// on a free loopback port, its Quartz jobs on their schedules. A benchmark talks to it over HTTP
/// only, so client and server never share a thread pool or a garbage collector. Disposing kills it.
/// </summary>
internal sealed class ExchangeServer : IAsyncDisposable, IDisposable
{
    private readonly ChildProcess child;

    private ExchangeServer(ChildProcess child, Uri address, Uri? management)
    {
        this.child = child;
        Address = address;
        ManagementAddress = management;
    }

    public Uri Address { get; }

    /// <summary>The management port (metrics and health), when it was asked for.</summary>
    public Uri? ManagementAddress { get; }

    public int ProcessId => child.Id;

    /// <summary>The processor time the server has used so far (all its threads: requests and jobs alike).</summary>
    public TimeSpan ProcessorTime => child.ProcessorTime;

    public long WorkingSet => child.WorkingSet;

    /// <summary>The server's last console lines, for a failure message.</summary>
    public string LastLines => child.LastLines;

    /// <summary>
    /// Starts the server with these configuration keys (and a signing key made in <paramref name="folder"/>) and waits until it listens. Production, as
    /// deployed behind a TLS-terminating proxy: it trusts loopback as that proxy, and its client says
    /// each request came over https, as the proxy would (<see cref="LoopbackProxyHandler"/>), so the
    /// Secure login cookie and the pages' https-only answers are production's.
    /// </summary>
    public static async Task<ExchangeServer> StartAsync(string folder, IReadOnlyDictionary<string, string> settings, bool managementPort = false)
    {
        var address = new Uri($"http://127.0.0.1:{Loopback.FreePort()}");
        var management = managementPort ? new Uri($"http://127.0.0.1:{Loopback.FreePort()}") : null;
        var defaults = new Dictionary<string, string>
        {
            ["Urls"] = address.ToString().TrimEnd('/'),
            ["DemoAccounts:Enabled"] = "false",
            ["DataProtection:AllowUnencryptedKeys"] = "true",
            ["Email:Disabled"] = "true",
            ["PublicUrl"] = "http://127.0.0.1",
            ["Identity:RequireConfirmedAccount"] = "false",
            [BenchmarkSigningKey.Setting] = BenchmarkSigningKey.WriteTo(folder),
            ["Security:KnownProxies:0"] = "127.0.0.1",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        if (management is not null) defaults["Metrics:ManagementPort"] = management.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var start = ExchangeApps.Web().InEnvironment(Environments.Production).WithSettings(defaults.Concat(settings)) with { Name = "The exchange server" };
        // The embedded Hub emulator, when there is one, and the management port say where they listen too.
        var (child, _) = await ChildProcess.StartAsync(start, c => c.ListeningAsync(TimeSpan.FromMinutes(2), at => at.Port == address.Port));
        return new ExchangeServer(child, address, management);
    }

    public void Dispose() => child.Dispose();

    public ValueTask DisposeAsync() => child.DisposeAsync();
}
