using System.Globalization;
using Exchange.Benchmarks.Harness;
using Exchange.Benchmarks.Pages;
using Exchange.Benchmarks.Serving;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Ledger;
using Exchange.Hub.Emulator;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Benchmarks.Screen;

/// <summary>
/// <c>benchmark-screen --deposits N</c>: this exchange serving in a child process with its jobs on
/// their default schedules, a Hub emulator, and a headless chromium signed in on the dashboard; for
/// each deposit, the time from Hub recording the DEPOSIT (its sweep) to the new balance appearing in
/// the page: the balance check's poll, the credit, the event, the component's reload and the
/// SignalR push of its render batch.
/// </summary>
internal static class ScreenBenchmarkCommand
{
    public const string Verb = "benchmark-screen";
    public static readonly string[] OptionNames = ["deposits", "help"];

    private const long Amount = 1_000_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private const string Usage = """
        benchmark-screen [--deposits N]
          N deposits (default 30), one at a time, each to a fresh address of one user whose dashboard is open
          in headless chromium (/usr/bin/chromium, or the path in EXCHANGE_CHROMIUM). Times each from Hub
          recording the DEPOSIT in its sweep to the page showing the new balance, with the exchange's default
          balance-check poll; prints p50/p95/max. Exits 1 unless every deposit appeared, credited once.
        """;

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?> options)
    {
        if (options.ContainsKey("help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        if (!int.TryParse(options.GetValueOrDefault("deposits") ?? "30", NumberStyles.None, CultureInfo.InvariantCulture, out var deposits) || deposits < 1)
        {
            await Console.Error.WriteLineAsync($"--deposits N takes a whole number of at least 1, e.g. --deposits 30\n\n{Usage}");
            return 2;
        }
        if (DashboardBrowser.Chromium() is not { } chromium)
        {
            await Console.Error.WriteLineAsync($"No chromium: install Debian's (apt-get install chromium) or set {DashboardBrowser.ChromiumVariable} to one.");
            return 1;
        }
        var folder = Directory.CreateTempSubdirectory("exchange-screen-benchmark-");
        try
        {
            return await RunAsync(folder.FullName, chromium, deposits);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<int> RunAsync(string folder, string chromium, int deposits)
    {
        await using var hub = await HubEmulatorServer.StartAsync(new HubEmulatorOptions
        {
            Url = "http://127.0.0.1:0", DatabasePath = Path.Combine(folder, "hub.db"), Persist = false,
            MonitorInterval = TimeSpan.Zero, SweepInterval = TimeSpan.Zero, AttachmentInterval = TimeSpan.Zero,
        });
        var (user, iota) = await SeedAsync(folder);
        await using var server = await ExchangeServer.StartAsync(folder, new Dictionary<string, string>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "exchange.db")}",
            ["Hub:Url"] = hub.BaseAddress.ToString(),
            ["Security:RateLimits:DepositAddressesPerHour"] = (deposits + 10).ToString(CultureInfo.InvariantCulture),
        });
        await using var browser = await DashboardBrowser.SignInAsync(chromium, server.Address, user.Email, PagesSeed.Password);
        Console.WriteLine($"Dashboard open in chromium against {server.Address}; {deposits} deposits...");

        var (recordedAt, shownAt) = (new List<long>(), new List<long>());
        for (var i = 1; i <= deposits; i++)
        {
            var address = await browser.NewDepositAddressAsync();
            await browser.WatchForAsync(iota.Format(i * Amount));
            hub.Emulator.Deposit(address[..81], Amount);
            hub.Emulator.Tick(EmulatorService.Monitor);
            hub.Emulator.Tick(EmulatorService.Sweep);
            recordedAt.Add(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            if (await browser.ShownAtAsync(Patience) is not { } shown)
                return Fail($"deposit {i}: the dashboard did not show {iota.Format(i * Amount)} within {Patience.TotalSeconds:0} s");
            shownAt.Add(shown);
        }
        var (available, creditedAt) = await LedgerAsync(folder, user);
        if (creditedAt.Count != deposits) return Fail($"{creditedAt.Count} credits in the ledger for {deposits} deposits");
        Print(recordedAt, creditedAt, shownAt);
        return Check(available, deposits * Amount, iota);
    }

    private static async Task<(BenchmarkUser User, Coin Iota)> SeedAsync(string folder)
    {
        using var host = await PagesSeed.MigratedHostAsync(folder);
        var user = (await PagesSeed.CreateLoginsAsync(host.Services, 1))[0];
        return (user, (await host.Services.GetRequiredService<CoinCatalogue>().CurrentAsync()).Iota);
    }

    // The ledger entry's time splits each delay: Hub to the ledger (the poll and the credit), then
    // the ledger to the screen (the event, the component's reload, the render batch over SignalR).
    private static void Print(List<long> recordedAt, List<long> creditedAt, List<long> shownAt)
    {
        var total = recordedAt.Select((at, i) => (double)(shownAt[i] - at)).Order().ToList();
        var toLedger = recordedAt.Select((at, i) => (double)(creditedAt[i] - at)).Order().ToList();
        var toScreen = creditedAt.Select((at, i) => (double)(shownAt[i] - at)).Order().ToList();
        Console.WriteLine($"""

            deposits              {total.Count} (the exchange's default balance-check poll)
            DEPOSIT to screen     p50 {Percentile(total, 0.50):0} ms, p95 {Percentile(total, 0.95):0} ms, max {total[^1]:0} ms
              Hub to ledger       p50 {Percentile(toLedger, 0.50):0} ms, p95 {Percentile(toLedger, 0.95):0} ms (the balance check's poll and credit)
              ledger to screen    p50 {Percentile(toScreen, 0.50):0} ms, p95 {Percentile(toScreen, 0.95):0} ms (event, reload, render batch, SignalR push)
            """);
    }

    // Read from the database after the run: the user's balance (every deposit, once) and when each credit was written.
    private static async Task<(long Available, List<long> CreditedAt)> LedgerAsync(string folder, BenchmarkUser user)
    {
        using var host = BenchmarkHost.Create(folder).Build();
        var balances = await host.Services.GetRequiredService<BalanceQueries>().ForUserAsync(user.Id);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContextAsync();
        var credits = await db.LedgerEntries.Where(e => e.UserId == user.Id && e.Kind == LedgerEntryKind.Deposit).OrderBy(e => e.Id).Select(e => e.CreatedAt).ToListAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var createdAt = credits.Select(at => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeMilliseconds()).ToList();
        return (balances.Single(b => b.Coin.Symbol == CoinSymbols.Iota).Available, createdAt);
    }

    private static int Check(long available, long expected, Coin iota)
    {
        if (available != expected) return Fail($"the ledger holds {iota.Format(available)} for the user, not {iota.Format(expected)}");
        Console.WriteLine("check                 every deposit on the screen, credited once: OK");
        return 0;
    }

    private static int Fail(string problem)
    {
        Console.WriteLine($"check                 FAILED: {problem}");
        return 1;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
