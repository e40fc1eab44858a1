using System.Net.Http.Json;
using Exchange.Hub.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Infrastructure;

/// <summary>The real exchange app over a database of its own (a SQLite file in a temporary folder unless <see cref="Store"/> says otherwise).</summary>
public class ExchangeAppFactory : WebApplicationFactory<Program>
{
    private readonly CancellationTokenSource sweeping = new();
    private readonly Lazy<TestStore> store;

    public ExchangeAppFactory() =>
        store = new(() => Store ?? TestStore.Sqlite());

    /// <summary>Where the app keeps its data; unset, a new SQLite store the factory owns. A given store is the caller's to dispose.</summary>
    public TestStore? Store { get; init; }

    /// <summary>The SQLite file (on SQLite only).</summary>
    public string DatabasePath => store.Value.SqlitePath;

    public bool DemoAccounts { get; init; }

    /// <summary>Run the Hub jobs on their schedules (fast ones); off, they run only when triggered.</summary>
    public bool Jobs { get; init; }

    /// <summary>The embedded Hub sweeps nothing until <see cref="StartHubSweeps"/>: a test can watch a deposit incoming, however slow the machine.</summary>
    public bool HoldHubSweeps { get; init; }

    /// <summary>The hosting environment; unset, Development (as WebApplicationFactory starts it).</summary>
    public string? Environment { get; init; }

    /// <summary>
    /// What every test host outside Development is given (in process, as a child process, as a cluster node):
    /// mail needs an SMTP server and a public address, and accounts a confirmed email; tests of those set their own.
    /// </summary>
    public static readonly IReadOnlyList<(string Key, string Value)> OutsideDevelopment =
        [("Email:Disabled", "true"), ("PublicUrl", "http://127.0.0.1"), ("Identity:RequireConfirmedAccount", "false")];

    /// <summary>Settings of <see cref="OutsideDevelopment"/> that the test leaves to the app's own default instead.</summary>
    public IReadOnlyCollection<string> AppDefaults { get; init; } = [];

    /// <summary>Any other configuration the test wants.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>A real Hub (or an emulator of the test's own); unset, the app hosts its emulator.</summary>
    public string? HubUrl { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (Environment is not null) builder.UseEnvironment(Environment);
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.ConfigureLogging(logging => logging.WarningsOnConsole());
        foreach (var (key, value) in store.Value.Settings) builder.UseSetting(key, value);
        builder.UseSetting("DemoAccounts:Enabled", DemoAccounts ? "true" : "false");
        // Outside Development the key ring needs a certificate; tests of that set their own.
        builder.UseSetting("DataProtection:AllowUnencryptedKeys", "true");
        builder.UseSetting("HubEmulator:Url", "http://127.0.0.1:0");
        builder.UseSetting("HubEmulator:DatabasePath", Path.Combine(store.Value.Folder.Path, "hub.db"));
        if (HubUrl is not null) builder.UseSetting("Hub:Url", HubUrl);
        builder.UseSetting("Jobs:Enabled", Jobs ? "true" : "false");
        builder.UseSetting("Jobs:BalanceCheckInterval", "00:00:01");
        builder.UseSetting("Jobs:HotWalletSweepInterval", "00:00:01");
        builder.UseSetting("Jobs:WithdrawalInterval", "00:00:01");
        builder.UseSetting("Jobs:SweepMonitorInterval", "00:00:01");
        builder.UseSetting("HubEmulator:MonitorInterval", "00:00:01");
        builder.UseSetting("HubEmulator:SweepInterval", HoldHubSweeps ? "00:00:00" : "00:00:01");
        builder.UseSetting("HubEmulator:AttachmentInterval", "00:00:01");
        builder.UseSetting("HubEmulator:ConfirmationDelay", "00:00:02");
        // A test server's requests all come from one (unknown) address; tests of the limits set their own.
        foreach (var limit in (string[])["SignInPerMinute", "SignInPerAccountPerMinute", "AccountFormsPerMinute", "ApiWritesPerMinute", "DepositAddressesPerHour"])
            builder.UseSetting($"Security:RateLimits:{limit}", "100000");
        // Tests turn two-factor on and withdraw at once; the hold after a security change has tests of its own.
        builder.UseSetting("WithdrawalSecurity:HoldAfterSecurityChange", "00:00:00");
        // Tests turn two-factor on after signing in, which renews the security stamp and would end that sign-in
        // at the next check; the revalidation of sign-ins has tests of its own, with a short interval.
        builder.UseSetting("Security:RevalidateInterval", "01:00:00");
        if (Environment is not null && Environment != "Development")
        {
            foreach (var (key, value) in OutsideDevelopment.Where(s => !AppDefaults.Contains(s.Key)))
                builder.UseSetting(key, value);
        }
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>Serves the app on a real loopback port (for a browser) and returns its address.</summary>
    public Uri StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>The Hub the app talks to: its embedded emulator unless <see cref="HubUrl"/> is set.</summary>
    public Uri HubAddress => new(Services.GetRequiredService<IOptions<HubOptions>>().Value.Url!);

    /// <summary>From now on the embedded Hub sweeps every second, as its own timer would.</summary>
    public void StartHubSweeps() => _ = SweepEverySecondAsync(sweeping.Token);

    private async Task SweepEverySecondAsync(CancellationToken stop)
    {
        using var hub = new HttpClient { BaseAddress = HubAddress };
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do await hub.PostAsJsonAsync("/_emulator/tick", new { service = "sweep" }, stop);
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
            // The app is being disposed.
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await sweeping.CancelAsync();
        sweeping.Dispose();
        await base.DisposeAsync();
        if (Store is null && store.IsValueCreated) await store.Value.DisposeAsync();
    }
}
