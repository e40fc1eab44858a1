using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Exchange.Hub.Emulator;
using Exchange.Hub.Emulator.State;

namespace Exchange.Benchmarks.Emulator;

/// <summary>
/// <c>benchmark-hub --users U --deposits D</c>: seeds the Hub emulator in its own SQLite file with
/// U users and D swept deposits, reopens it, and times what the exchange asks of it (GetStats,
/// the whole BalanceSubscription backlog over HTTP, a new user's first address, a sweep tick), per
/// operation, so that running it at 10,000, 100,000 and 1,000,000 shows whether costs stay flat.
/// </summary>
internal static class HubBenchmarkCommand
{
    public const string Verb = "benchmark-hub";
    public static readonly string[] OptionNames = ["users", "deposits", "help"];

    private const int Batch = 100_000;
    private const int NewUsers = 100;
    private const string Usage = """
        benchmark-hub --users U --deposits D
          Seeds a Hub emulator (its own SQLite file) with U users and D deposits (D at least U, one
          deposit address each, owners round-robin), runs the monitor and sweep ticks over them,
          reopens the file and times GetStats, BalanceSubscription over HTTP, CreateUser and
          GetDepositAddress for new users, and a sweep tick. Defaults: --users 10000, --deposits U.
          Exits 0 when GetStats equals the sum deposited and BalanceSubscription has every event, 1 when not.
        """;

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?> options, IReadOnlyList<string> others)
    {
        if (options.ContainsKey("help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        if (Problem(options, others) is { } problem)
        {
            await Console.Error.WriteLineAsync($"{problem}\n\n{Usage}");
            return 2;
        }
        var users = int.Parse(options.GetValueOrDefault("users") ?? "10000");
        var deposits = int.Parse(options.GetValueOrDefault("deposits") ?? users.ToString());

        var folder = Directory.CreateTempSubdirectory("exchange-hub-benchmark-");
        try
        {
            var run = new HubBenchmarkRun(Path.Combine(folder.FullName, "hub.db"), users, deposits);
            var ok = await run.RunAsync();
            return ok ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static string? Problem(IReadOnlyDictionary<string, string?> options, IReadOnlyList<string> others)
    {
        if (others.Count > 0) return $"benchmark-hub does not take '{string.Join(' ', others)}'.";
        if (options.TryGetValue("users", out var u) && (!int.TryParse(u, out var users) || users < 1))
            return $"--users takes a whole number of at least 1, not '{u}'.";
        var usersValue = int.Parse(options.GetValueOrDefault("users") ?? "10000");
        if (options.TryGetValue("deposits", out var d) && (!int.TryParse(d, out var deposits) || deposits < usersValue))
            return $"--deposits takes a whole number of at least --users ({usersValue}), not '{d}'.";
        return null;
    }

    private sealed class HubBenchmarkRun(string path, int users, int deposits)
    {
        private readonly List<(string Name, string Value)> rows = [];
        private readonly List<string> failures = [];
        private long deposited;
        private int sweeps;

        public async Task<bool> RunAsync()
        {
            Row("users", $"{users:N0}");
            Row("deposits", $"{deposits:N0}");
            await SeedFileAsync();
            Row("file size", $"{EmulatorStore.FileSize(path) / (1024.0 * 1024):N1} MB");

            var load = Stopwatch.StartNew();
            await using var hub = await StartAsync();
            Row("restart (load the file)", PerItem(load.Elapsed, deposits, "deposit"));
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            Row("emulator heap after the restart", $"{heap / (1024.0 * 1024):N0} MB ({heap / deposits:N0} bytes per deposit)");
            using var http = new HttpClient { BaseAddress = hub.BaseAddress, Timeout = TimeSpan.FromMinutes(30) };
            await TimeStatsAsync(http);
            await TimeBalanceSubscriptionAsync(http);
            await TimeNewUsersAsync(http, hub.Emulator);
            Row("peak working set", $"{Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MB");
            Print();
            return failures.Count == 0;
        }

        // A method of its own, so the seeding emulator is unreachable once it returns (an async
        // method's locals live as long as it runs) and the reopened one is measured alone.
        private async Task SeedFileAsync()
        {
            await using var seeding = await StartAsync();
            Seed(seeding.Emulator);
        }

        private Task<HubEmulatorServer> StartAsync() => HubEmulatorServer.StartAsync(new HubEmulatorOptions
        {
            Url = "http://127.0.0.1:0", DatabasePath = path, Persist = true, SweepMaxDeposits = Batch,
            MonitorInterval = TimeSpan.Zero, SweepInterval = TimeSpan.Zero, AttachmentInterval = TimeSpan.Zero, ConfirmationDelay = TimeSpan.Zero,
        });

        // In batches, each one call (one transaction), so the addresses are not all held at once.
        private void Seed(HubEmulator emulator)
        {
            var issuing = new Stopwatch();
            var depositing = new Stopwatch();
            for (var start = 0; start < deposits; start += Batch)
            {
                var count = Math.Min(Batch, deposits - start);
                issuing.Start();
                var addresses = emulator.IssueAddresses(Enumerable.Range(start, count).Select(i => $"user-{i % users + 1}").ToList());
                issuing.Stop();
                var transfers = addresses.Select((a, i) => (a[..81], Amount: 1_000_000L + start + i)).ToList();
                deposited += transfers.Sum(t => t.Amount);
                depositing.Start();
                emulator.Deposits(transfers);
                depositing.Stop();
            }
            Row("seed: users + addresses", PerItem(issuing.Elapsed, deposits, "address"));
            Row("seed: deposits", PerItem(depositing.Elapsed, deposits, "deposit"));
            Row("monitor tick", PerItem(Time(() => emulator.Tick(EmulatorService.Monitor)), deposits, "deposit"));
            var sweeping = new Stopwatch();
            for (var swept = 0; swept < deposits; swept += Batch, sweeps++)
            {
                sweeping.Start();
                emulator.Tick(EmulatorService.Sweep);
                sweeping.Stop();
            }
            Row($"sweep ticks ({sweeps} of up to {Batch:N0})", PerItem(sweeping.Elapsed, deposits, "deposit"));
            Row("attachment ticks (attach, confirm)", $"{Time(() => { emulator.Tick(EmulatorService.Attachment); emulator.Tick(EmulatorService.Attachment); }).TotalMilliseconds:N1} ms");
        }

        private async Task TimeStatsAsync(HttpClient http)
        {
            var samples = new List<double>();
            var total = "";
            for (var i = 0; i < 50; i++)
            {
                var clock = Stopwatch.StartNew();
                total = (await CommandAsync(http, new { command = "GetStats" })).GetProperty("totalBalance").GetString()!;
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
            samples.Sort();
            Row("GetStats (median of 50)", $"{samples[25]:N2} ms");
            Check(total == deposited.ToString(), $"GetStats says {total}, {deposited} was deposited");
        }

        private async Task TimeBalanceSubscriptionAsync(HttpClient http)
        {
            var clock = Stopwatch.StartNew();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{\"command\": \"BalanceSubscription\", \"newerThan\": \"0\"}") };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var firstByte = clock.Elapsed;
            var (events, bytes) = await CountEventsAsync(await response.Content.ReadAsStreamAsync());
            clock.Stop();
            var expected = 3L * deposits + sweeps;
            Row("BalanceSubscription (all)", $"{events:N0} events, {bytes / (1024.0 * 1024):N1} MB, {clock.Elapsed.TotalSeconds:N2} s ({clock.Elapsed.TotalMicroseconds / Math.Max(events, 1):N2} µs per event; first byte {firstByte.TotalSeconds:N2} s)");
            Check(events == expected, $"BalanceSubscription has {events} events, expected {expected} (3 × deposits + one hub event per sweep)");
            Check(bytes == response.Content.Headers.ContentLength, $"BalanceSubscription sent {bytes} bytes, its Content-Length said {response.Content.Headers.ContentLength}");
        }

        // CreateUser and GetDepositAddress over HTTP, then a deposit to each and one sweep tick of them.
        private async Task TimeNewUsersAsync(HttpClient http, HubEmulator emulator)
        {
            var create = new Stopwatch();
            var address = new Stopwatch();
            var addresses = new List<string>();
            for (var i = 0; i < NewUsers; i++)
            {
                create.Start();
                await CommandAsync(http, new { command = "CreateUser", userId = $"new-user-{i}" });
                create.Stop();
                address.Start();
                addresses.Add((await CommandAsync(http, new { command = "GetDepositAddress", userId = $"new-user-{i}" })).GetProperty("address").GetString()!);
                address.Stop();
            }
            Row($"CreateUser ({NewUsers} new users)", $"{create.Elapsed.TotalMilliseconds / NewUsers:N2} ms each");
            Row($"GetDepositAddress ({NewUsers} new users)", $"{address.Elapsed.TotalMilliseconds / NewUsers:N2} ms each");
            emulator.Deposits(addresses.Select(a => (a, 1_000L)).ToList());
            Row($"monitor tick ({NewUsers} new deposits)", $"{Time(() => emulator.Tick(EmulatorService.Monitor)).TotalMilliseconds:N2} ms");
            Row($"sweep tick ({NewUsers} new deposits)", $"{Time(() => emulator.Tick(EmulatorService.Sweep)).TotalMilliseconds:N2} ms");
            var total = (await CommandAsync(http, new { command = "GetStats" })).GetProperty("totalBalance").GetString();
            Check(total == (deposited + 1_000L * NewUsers).ToString(), $"after the new deposits GetStats says {total}");
        }

        private static async Task<JsonElement> CommandAsync(HttpClient http, object command)
        {
            using var response = await http.PostAsync("/", new StringContent(JsonSerializer.Serialize(command), Encoding.UTF8, "application/json"));
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        // Counts "\n    \"event_" (each top-level member) as the body streams past; nothing is kept.
        private static async Task<(long Events, long Bytes)> CountEventsAsync(Stream body)
        {
            var marker = "\n    \"event_"u8.ToArray();
            var buffer = new byte[64 * 1024];
            long events = 0, bytes = 0;
            var matched = 0;
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
                for (var i = 0; i < read; i++)
                {
                    matched = buffer[i] == marker[matched] ? matched + 1 : buffer[i] == marker[0] ? 1 : 0;
                    if (matched < marker.Length) continue;
                    events++;
                    matched = 0;
                }
            }
            return (events, bytes);
        }

        private static TimeSpan Time(Action action)
        {
            var clock = Stopwatch.StartNew();
            action();
            return clock.Elapsed;
        }

        private static string PerItem(TimeSpan elapsed, long count, string item) =>
            $"{elapsed.TotalSeconds:N2} s ({elapsed.TotalMicroseconds / count:N1} µs per {item})";

        private void Row(string name, string value) => rows.Add((name, value));

        private void Check(bool ok, string failure)
        {
            if (!ok) failures.Add(failure);
        }

        private void Print()
        {
            Console.WriteLine();
            foreach (var (name, value) in rows) Console.WriteLine($"{name,-40} {value}");
            Console.WriteLine(failures.Count == 0
                ? $"{"check",-40} OK: GetStats equals the sum deposited; BalanceSubscription has 3 × deposits + hub events"
                : $"{"check",-40} FAILED: {string.Join("; ", failures)}");
        }
    }
}
