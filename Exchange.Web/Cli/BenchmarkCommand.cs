using System.Diagnostics;
using Exchange.Core.Data;
using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Hub.Client;
using Exchange.Hub.Emulator;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Web.Cli;

/// <summary>
/// <c>benchmark --users U --deposits D</c>: seeds U exchange users with D deposits that Hub (the
/// emulator, in memory) has already swept, then times the exchange from its first balance-check
/// poll until every deposit is credited and moved to the hot wallet.
/// </summary>
public static class BenchmarkCommand
{
    public const string Verb = "benchmark";
    public static readonly string[] OptionNames = ["users", "deposits"];

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?> options)
    {
        if (!int.TryParse(options.GetValueOrDefault("users") ?? "1000", out var users) || users < 1
            || !int.TryParse(options.GetValueOrDefault("deposits") ?? users.ToString(), out var deposits) || deposits < users)
        {
            await Console.Error.WriteLineAsync("benchmark takes --users U (at least 1) and --deposits D (at least U), e.g. benchmark --users 10000 --deposits 10000");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("exchange-benchmark-");
        try
        {
            await using var hub = await HubEmulatorServer.StartAsync(new HubEmulatorOptions
            {
                Url = "http://127.0.0.1:0", DatabasePath = Path.Combine(folder.FullName, "hub.db"), Persist = false,
                MonitorInterval = TimeSpan.Zero, SweepInterval = TimeSpan.Zero, AttachmentInterval = TimeSpan.Zero, SweepMaxDeposits = deposits,
            });
            using var host = BuildExchange(folder.FullName, hub.BaseAddress);
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();

            Console.WriteLine($"Seeding {users} users and {deposits} deposits (not timed)...");
            await SeedAsync(host.Services, hub.Emulator, users, deposits);
            var counter = host.Services.GetRequiredService<HubCallCounter>();
            counter.Reset();

            var figures = await MeasureAsync(host.Services, deposits);
            Print(users, deposits, figures, counter.Count);
            return figures.Credited == deposits ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private sealed record Figures(int Events, int Credited, long Moved, TimeSpan Wall, int Polls, TimeSpan Crediting);

    private static async Task<Figures> MeasureAsync(IServiceProvider services, int deposits)
    {
        var sync = services.GetRequiredService<BalanceSync>();
        var sweeper = services.GetRequiredService<HotWalletSweeper>();
        var clock = Stopwatch.StartNew();
        int events = 0, credited = 0, polls = 0;
        long moved = 0;
        while (credited < deposits && polls < 100)
        {
            var result = await sync.RunAsync();
            (events, credited, polls) = (events + result.EventsRead, credited + result.DepositsCredited, polls + 1);
        }
        var credit = clock.Elapsed;
        moved += (await sweeper.RunAsync()).AmountMoved;
        clock.Stop();
        return new Figures(events, credited, moved, clock.Elapsed, polls, credit);
    }

    private static void Print(int users, int deposits, Figures f, int hubCalls)
    {
        var seconds = f.Wall.TotalSeconds;
        Console.WriteLine($"""

            users                 {users}
            deposits              {deposits}
            credited              {f.Credited} ({f.Polls} balance-check polls)
            moved to hot wallet   {f.Moved} i
            Hub events read       {f.Events}
            events per second     {f.Events / seconds:0}
            deposits per second   {f.Credited / seconds:0}
            Hub calls             {hubCalls} ({hubCalls * 100.0 / users:0.00} per 100 users)
            peak working set      {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB
            wall time             {seconds:0.00} s (crediting {f.Crediting.TotalSeconds:0.00} s, moving {(f.Wall - f.Crediting).TotalSeconds:0.00} s)
            """);
    }

    // Users, Hub accounts and addresses in bulk on both sides (as the deposit page would have made
    // them one by one), then one confirmed deposit per address, seen and swept by Hub.
    private static async Task SeedAsync(IServiceProvider services, HubEmulator emulator, int users, int deposits)
    {
        var now = DateTime.UtcNow;
        var owners = Enumerable.Range(0, deposits).Select(i => i % users).ToList();
        var addresses = emulator.IssueAddresses(owners.Select(u => $"user-{u + 1}").ToList());
        await using (var db = services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContext())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.HubAccounts.AddRange(Enumerable.Range(0, users).Select(u => HubAccount.Existing($"bench-user-{u}", $"user-{u + 1}", now)));
            db.DepositAddresses.AddRange(addresses.Select((a, i) => DepositAddress.Issue($"bench-user-{owners[i]}", Core.Coins.CoinSymbols.Iota, a, now)));
            await db.SaveChangesAsync();
        }
        for (var i = 0; i < deposits; i++)
            emulator.Deposit(addresses[i][..81], 1_000_000 + i);
        emulator.Tick(EmulatorService.Monitor);
        emulator.Tick(EmulatorService.Sweep);
    }

    private static IHost BuildExchange(string folder, Uri hub)
    {
        var builder = BenchmarkHost.Create(folder, hub, ("Hub:TimeoutSeconds", "120"), ("HubSync:UnknownOutcomeGrace", "00:05:00"));
        builder.Services.AddSingleton<HubCallCounter>();
        builder.Services.AddTransient<CountingHandler>();
        builder.Services.AddHttpClient<IHubClient, HubClient>().AddHttpMessageHandler<CountingHandler>();
        return builder.Build();
    }

    private sealed class HubCallCounter
    {
        private int count;
        public int Count => count;
        public void Increment() => Interlocked.Increment(ref count);
        public void Reset() => Interlocked.Exchange(ref count, 0);
    }

    private sealed class CountingHandler(HubCallCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Increment();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
