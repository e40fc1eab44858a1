using System.Globalization;
using Exchange.Benchmarks.Serving;

namespace Exchange.Benchmarks.Pages;

/// <summary>
/// <c>benchmark-pages --users U --rows N [--seconds S]</c>: a SQLite database with N ledger entries,
/// this exchange serving it in a child process (its embedded Hub emulator, its jobs running), and
/// U users signed in over HTTP fetching the dashboard, deposit and history pages (prerendered) and
/// the API's balances and history in a closed loop; per page p50/p95/p99, requests and errors.
/// </summary>
internal static class PagesBenchmarkCommand
{
    public const string Verb = "benchmark-pages";
    public static readonly string[] OptionNames = ["users", "rows", "seconds", "warm-up", "help"];

    private const string Usage = """
        benchmark-pages [--users U] [--rows N] [--seconds S] [--warm-up W]
          U users (default 50) signed in over HTTP fetch the dashboard, deposit and history pages and the
          JSON API's balances and history, each its next request when the last answered, for S seconds
          (default 30), against this exchange serving a SQLite database with N ledger entries (default
          1000000, at least 30 per user; nine in ten on the signed-in users). The same loop runs W seconds
          first, not counted (default 40; 0 for one round of each page): the server's code is compiled
          again, optimised, while it runs hot. Prints p50/p95/p99 per page; exits 1 unless every answer,
          the warm-up's included, was 200 with the user's own balance, address or entries.
        """;

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?> options)
    {
        if (options.ContainsKey("help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        if (Problem(options, out var users, out var rows, out var seconds, out var warmUp) is { } problem)
        {
            await Console.Error.WriteLineAsync($"{problem}\n\n{Usage}");
            return 2;
        }
        var folder = Directory.CreateTempSubdirectory("exchange-pages-benchmark-");
        try
        {
            return await RunAsync(folder.FullName, users, rows, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmUp));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string? Problem(IReadOnlyDictionary<string, string?> options, out int users, out int rows, out int seconds, out int warmUp)
    {
        rows = seconds = warmUp = 0;
        if (!Positive(options, "users", 50, out users)) return "--users U takes a whole number of at least 1, e.g. --users 50";
        if (!Positive(options, "rows", 1_000_000, out rows) || rows < 30 * users)
            return $"--rows N takes a whole number of at least 30 per user ({30 * users} for {users}), so each has more than a page of history";
        if (!Positive(options, "seconds", 30, out seconds)) return "--seconds S takes a whole number of at least 1, e.g. --seconds 30";
        if (!Whole(options, "warm-up", 40, out warmUp)) return "--warm-up W takes a whole number of seconds, 0 or more, e.g. --warm-up 40";
        return null;
    }

    private static bool Positive(IReadOnlyDictionary<string, string?> options, string name, int fallback, out int value) =>
        Whole(options, name, fallback, out value) && value >= 1;

    private static bool Whole(IReadOnlyDictionary<string, string?> options, string name, int fallback, out int value)
    {
        var text = options.TryGetValue(name, out var given) ? given : fallback.ToString(CultureInfo.InvariantCulture);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static async Task<int> RunAsync(string folder, int users, int rows, TimeSpan duration, TimeSpan warmUpDuration)
    {
        Console.WriteLine($"Seeding {users} users and {rows} ledger entries (not timed)...");
        var seeded = await PagesSeed.RunAsync(folder, users, rows);
        await using var server = await ExchangeServer.StartAsync(folder, Settings(folder, users));
        Console.WriteLine($"Exchange serving at {server.Address}; signing the users in over HTTP...");
        var clients = await Task.WhenAll(seeded.Users.Select(async user =>
        {
            var client = await SignedInClient.LogInAsync(server.Address, user);
            await client.RequestDepositAddressAsync();
            return client;
        }));
        try
        {
            var pages = BenchmarkPage.All(seeded.Iota);
            var warmUp = await LoadRun.WarmUpAsync(clients, pages, warmUpDuration);
            Console.WriteLine($"Closed loop of {users} users for {duration.TotalSeconds:0} s...");
            var processorBefore = server.ProcessorTime;
            var figures = await LoadRun.RunAsync(clients, pages, duration);
            PagesReport.Print(figures, rows, seeded.SignedInRows, users, duration, server.ProcessorTime - processorBefore);
            return PagesReport.Check(warmUp, figures);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    // Sign-ins from one loopback address would otherwise be limited to 10 a minute.
    private static Dictionary<string, string> Settings(string folder, int users) => new()
    {
        ["Database:Provider"] = "Sqlite",
        ["Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "exchange.db")}",
        ["HubEmulator:Enabled"] = "true",
        ["HubEmulator:Url"] = "http://127.0.0.1:0",
        ["HubEmulator:DatabasePath"] = Path.Combine(folder, "hub.db"),
        ["Security:RateLimits:SignInPerMinute"] = (users * 2 + 10).ToString(CultureInfo.InvariantCulture),
    };
}
