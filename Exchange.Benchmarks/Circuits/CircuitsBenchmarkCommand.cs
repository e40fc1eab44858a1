namespace Exchange.Benchmarks.Circuits;

/// <summary>
/// <c>benchmark-circuits --circuits N</c>: N signed-in dashboards held open against the exchange,
/// run as its own process, by clients speaking Blazor Server's protocol without a browser; then one
/// balance event per user (a ledger posting, published over Redis as another node would) and the
/// time from each event to the render batch that shows the new balance on that user's dashboard.
/// </summary>
internal static class CircuitsBenchmarkCommand
{
    public const string Verb = "benchmark-circuits";
    public static readonly string[] OptionNames = ["circuits", "events-per-second", "redis", "help"];

    private const int WarmUpCircuits = 3;
    private const int SignInSample = 5;
    private const int OpeningAtOnce = 16;
    private static readonly TimeSpan UpdateWait = TimeSpan.FromSeconds(60);

    public const string Usage = """
        benchmark-circuits --circuits N [--events-per-second R] [--redis HOST:PORT]
          Starts the exchange as a separate process (SQLite, the embedded Hub emulator, Redis events),
          signs in N users, holds one live dashboard circuit open for each over Blazor's own protocol,
          then credits every user once (R postings a second, 200 by default) and times each event to
          the render batch on that user's dashboard. Exits 1 unless every circuit got its update and
          none dropped. --redis defaults to 127.0.0.1:6379.
        """;

    private sealed record Run(int Circuits, int EventsPerSecond, string Redis);

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?> options)
    {
        if (options.ContainsKey("help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        if (Read(options) is not { } run)
        {
            await Console.Error.WriteLineAsync("benchmark-circuits takes --circuits N (at least 1), optionally --events-per-second R (at least 1) and --redis HOST:PORT, e.g. benchmark-circuits --circuits 1000");
            return 2;
        }
        // Thousands of connections' receive loops and timers: without threads at hand a busy client
        // would miss the server's pings and count its own slowness as dropped circuits.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
        var folder = Directory.CreateTempSubdirectory("exchange-circuits-benchmark-");
        try
        {
            var figures = await CircuitsLoad.MeasureAsync(folder.FullName, run.Circuits, run.EventsPerSecond, run.Redis, WarmUpCircuits, SignInSample, OpeningAtOnce, UpdateWait);
            figures.Print(Console.Out);
            return figures.Passed ? 0 : 1;
        }
        catch (CircuitsLoadException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // The server's files may still be closing; the folder is temporary.
            }
        }
    }

    private static Run? Read(IReadOnlyDictionary<string, string?> options)
    {
        if (!int.TryParse(options.GetValueOrDefault("circuits") ?? "500", out var circuits) || circuits < 1) return null;
        if (!int.TryParse(options.GetValueOrDefault("events-per-second") ?? "200", out var rate) || rate < 1) return null;
        var redis = options.TryGetValue("redis", out var given) ? given : "127.0.0.1:6379";
        return string.IsNullOrWhiteSpace(redis) ? null : new Run(circuits, rate, redis);
    }
}

internal sealed class CircuitsLoadException(string message) : Exception(message);
