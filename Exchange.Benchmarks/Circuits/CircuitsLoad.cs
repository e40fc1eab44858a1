using System.Diagnostics;
using Exchange.Benchmarks.Serving;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Core.Ledger;
using Exchange.Web;
using Exchange.Web.LiveUpdates;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Benchmarks.Circuits;

/// <summary>The steps of <see cref="CircuitsBenchmarkCommand"/>, in order.</summary>
internal static class CircuitsLoad
{
    public static async Task<CircuitFigures> MeasureAsync(string folder, int circuits, int eventsPerSecond, string redis,
        int warmUps, int signInSample, int openingAtOnce, TimeSpan updateWait)
    {
        var settings = Settings(folder, redis);
        await using var client = BuildClient(folder, settings);
        var services = client.Services;
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();

        var clock = Stopwatch.StartNew();
        var accounts = await BenchmarkUsers.CreateAsync(services, warmUps + circuits);
        var created = clock.Elapsed;
        clock.Restart();
        var users = await BenchmarkUsers.CookiesAsync(services, accounts);
        var minted = clock.Elapsed;

        using var server = await ExchangeServer.StartAsync(folder, settings, managementPort: true);
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = openingAtOnce * 2 })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
        var sample = Math.Min(signInSample, circuits);
        clock.Restart();
        for (var i = 0; i < sample; i++)
            users[warmUps + i] = await BenchmarkUsers.SignInOverHttpAsync(http, server.Address, accounts[warmUps + i], CancellationToken.None);
        var signIn = sample > 0 ? clock.Elapsed / sample : TimeSpan.Zero;

        var backplane = services.GetRequiredService<RedisBackplane>();
        await backplane.StartAsync(CancellationToken.None);
        try
        {
            await WaitLiveAsync(backplane, redis);
            var credits = new Credits(services, await services.GetRequiredService<CoinCatalogue>().CurrentAsync());
            var answers = new BrowserAnswers();
            await WarmUpAsync(server, http, users.Take(warmUps), answers, credits);

            var baseline = await server.MeasureAsync(http, CancellationToken.None);
            var opened = await OpenAsync(server.Address, http, users.Skip(warmUps).ToList(), answers, openingAtOnce);
            await Task.Delay(TimeSpan.FromSeconds(2)); // the last renders settle
            var loaded = await server.MeasureAsync(http, CancellationToken.None);

            var live = opened.Circuits;
            var (sent, sending) = await credits.SendAsync(live, eventsPerSecond);
            await Task.WhenAny(Task.WhenAll(live.Select(c => c.Updated)), Task.Delay(updateWait));
            // Each dashboard now also shows its first ledger entry, as a user's usually does.
            var updatedMemory = await server.MeasureAsync(http, CancellationToken.None);
            var updates = await Task.WhenAll(live.Where(c => c.Updated.IsCompletedSuccessfully).Select(c => c.Updated));
            var figures = new CircuitFigures(circuits, live.Count, live.Count(c => c.DroppedBecause is not null),
                updates.Select(u => u.TotalMilliseconds).Order().ToList(),
                opened.OpenTimes, opened.Wall, opened.Failures, baseline, loaded, updatedMemory, sent, sending, eventsPerSecond,
                created, minted, signIn, sample, answers.Asked.OrderByDescending(a => a.Value).Select(a => $"{a.Key} ×{a.Value}").ToList(),
                live.Select(c => c.DroppedBecause).FirstOrDefault(d => d is not null));
            server.Dispose(); // before the clients close: their goodbyes would only load the machine
            await Task.WhenAll(live.Select(c => c.DisposeAsync().AsTask()));
            return figures;
        }
        finally
        {
            await backplane.StopAsync(CancellationToken.None);
        }
    }

    private static Dictionary<string, string> Settings(string folder, string redis) => new()
    {
        ["Database:Provider"] = "Sqlite",
        ["Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "exchange.db")}",
        ["Events:Redis"] = redis,
        ["Events:SigningKey"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        ["Jobs:Enabled"] = "false",
        ["HubEmulator:Enabled"] = "true",
        ["HubEmulator:Url"] = "http://127.0.0.1:0",
        ["HubEmulator:DatabasePath"] = Path.Combine(folder, "hub.db"),
        ["DemoAccounts:Enabled"] = "false",
        ["DataProtection:AllowUnencryptedKeys"] = "true",
        ["Email:Disabled"] = "true",
        ["PublicUrl"] = "http://127.0.0.1",
        ["Identity:RequireConfirmedAccount"] = "false",
        ["Security:KnownProxies:0"] = "127.0.0.1",
    };

    // The app's own services on the same database and Redis, never run: users, cookies, postings, events.
    private static WebApplication BuildClient(string folder, Dictionary<string, string> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = folder, Args = HostArguments.With([]) });
        builder.Configuration.AddInMemoryCollection(settings!);
        builder.AddExchangeWeb();
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    private static async Task WaitLiveAsync(RedisBackplane backplane, string redis)
    {
        var waited = Stopwatch.StartNew();
        while (!backplane.IsLive)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(20)) throw new CircuitsLoadException($"Redis at {redis} did not carry events within 20 s: the benchmark publishes its events over Redis (--redis HOST:PORT).");
            await Task.Delay(100);
        }
    }

    // A few circuits opened, updated and closed before the baseline: the server's first circuit,
    // first event and Redis subscription cost once, not per circuit.
    private static async Task WarmUpAsync(ExchangeServer server, HttpClient http, IEnumerable<SignedInUser> users, BrowserAnswers answers, Credits credits)
    {
        var opened = await OpenAsync(server.Address, http, users.ToList(), answers, 1);
        if (opened.Failures.Count > 0) throw new CircuitsLoadException($"A warm-up dashboard did not open: {opened.Failures[0]}{Environment.NewLine}{server.LastLines}");
        // The server hears Redis a moment after it starts: until then an event reaches nobody, so it is sent again.
        var waited = Stopwatch.StartNew();
        while (opened.Circuits.Any(c => !c.Updated.IsCompleted))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
                throw new CircuitsLoadException($"The warm-up dashboards did not show their credit within 30 s (does the server hear Redis?){Environment.NewLine}{server.LastLines}");
            await credits.SendAsync(opened.Circuits.Where(c => !c.Updated.IsCompleted).ToList());
            await Task.WhenAny(Task.WhenAll(opened.Circuits.Select(c => c.Updated)), Task.Delay(TimeSpan.FromSeconds(1)));
        }
        foreach (var circuit in opened.Circuits)
        {
            await circuit.CloseAsync(http);
            await circuit.DisposeAsync();
        }
    }

    private sealed record Opened(List<DashboardCircuit> Circuits, List<double> OpenTimes, TimeSpan Wall, List<string> Failures);

    private static async Task<Opened> OpenAsync(Uri site, HttpClient http, List<SignedInUser> users, BrowserAnswers answers, int atOnce)
    {
        var circuits = new DashboardCircuit?[users.Count];
        var times = new double[users.Count];
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var wall = Stopwatch.StartNew();
        await Parallel.ForAsync(0, users.Count, new ParallelOptions { MaxDegreeOfParallelism = atOnce }, async (i, _) =>
        {
            var circuit = new DashboardCircuit(site, users[i], answers);
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                await circuit.OpenAsync(http, timeout.Token);
                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                circuits[i] = circuit;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add($"{users[i].Email}: {circuit.DroppedBecause ?? e.Message}");
                await circuit.DisposeAsync();
            }
        });
        var open = circuits.Where(c => c is not null).Select(c => c!).ToList();
        return new Opened(open, times.Where((_, i) => circuits[i] is not null).Order().ToList(), wall.Elapsed, failures.ToList());
    }

    /// <summary>One credit per dashboard's user through the ledger, each published as the app publishes an operator's adjustment.</summary>
    private sealed class Credits(IServiceProvider services, CoinList coins)
    {
        private const long Amount = 1_234_567;
        private readonly IDbContextFactory<ExchangeDbContext> contexts = services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>();
        private readonly LedgerService ledger = services.GetRequiredService<LedgerService>();
        private readonly IExchangeEvents events = services.GetRequiredService<IExchangeEvents>();

        /// <summary>
        /// Paced at <paramref name="perSecond"/>: the credits that fall due together are posted in one
        /// transaction, as a balance-check run credits many users at once, then published one by one.
        /// Returns how many were sent and how long sending took.
        /// </summary>
        public async Task<(int Sent, TimeSpan Took)> SendAsync(IReadOnlyList<DashboardCircuit> circuits, int perSecond)
        {
            var clock = Stopwatch.StartNew();
            var sent = 0;
            while (sent < circuits.Count)
            {
                var due = Math.Min(circuits.Count, (int)(clock.Elapsed.TotalSeconds * perSecond) + 1);
                if (due == sent)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(10));
                    continue;
                }
                // At most a twentieth of a second's worth at once: when postings fall behind, the
                // events go out later but still spread, not as one burst of everything overdue.
                var batch = circuits.Skip(sent).Take(Math.Min(due - sent, Math.Max(1, perSecond / 20))).ToList();
                await SendAsync(batch);
                sent += batch.Count;
            }
            return (sent, clock.Elapsed);
        }

        public async Task SendAsync(IReadOnlyList<DashboardCircuit> batch)
        {
            var iota = coins.Iota;
            foreach (var circuit in batch) circuit.Await(iota.Format(Amount));
            await using (var db = await contexts.CreateDbContextAsync())
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                foreach (var circuit in batch) await PostAsync(db, circuit.User.Id, iota.Symbol);
                await transaction.CommitAsync();
            }
            foreach (var circuit in batch)
            {
                circuit.EventPublished(Stopwatch.GetTimestamp());
                events.Publish(new BalanceChanged(circuit.User.Id, iota.Symbol));
            }
        }

        private async Task PostAsync(ExchangeDbContext db, string userId, string coin)
        {
            var change = LedgerChange.Manual(userId, coin, Amount, CircuitsBenchmarkCommand.Verb, "Load test credit") with { IdempotencyKey = $"{CircuitsBenchmarkCommand.Verb}:{userId}" };
            var posted = await ledger.PostAsync(db, change);
            if (posted.Outcome is not (PostingOutcome.Applied or PostingOutcome.AlreadyApplied)) throw new CircuitsLoadException($"The credit of {userId} was not posted: {posted.Message}");
        }
    }
}
