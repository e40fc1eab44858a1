using System.Data.Common;
using Exchange.Benchmarks.Harness;
using Exchange.Benchmarks.Processes;
using Exchange.Core.Data;
using Exchange.Core.Proofs;
using Exchange.Web.Cli;

namespace Exchange.Benchmarks.Proofs;

/// <summary>
/// <c>benchmark-proof --users N</c>: N users with balances in two coins, then two proof-of-liabilities
/// snapshots taken by Core's builder, each timed with its peak memory, and checked against the ledger
/// and by verifying a few users' proofs.
/// </summary>
internal static class ProofBenchmarkCommand
{
    public const string Verb = "benchmark-proof";
    public static readonly string[] OptionNames = ["users", "provider", "database", "help"];
    private const long MB = 1024 * 1024;

    private static readonly string Usage = $"""
        usage: benchmark-proof [--users N] [--provider sqlite|postgres] [--database "<connection>"]
          --users N                    users, each with a balance in MIOTA and in BTC (default 1000000)
        {BenchmarkDatabase.Usage}
        Books the balances through the ledger (not timed), then takes two snapshots as the scheduled job does:
        the first also makes every user's nonce, the next is the daily one. Prints each build's time and peak
        memory, and checks the totals against the ledger and a few users' proofs against the signed manifest
        (exit 1 if a check fails).
        """;

    public static async Task<int> RunAsync(CommandLine command)
    {
        var arguments = new VerbArguments(command);
        if (arguments.Help)
        {
            Console.WriteLine(Usage);
            return 0;
        }
        var users = arguments.Int("users", 1_000_000, 1, "1000000");
        var database = BenchmarkDatabase.Read(arguments);
        if (arguments.Problems.Count > 0) return await arguments.RefuseAsync(Verb, Usage);

        var folder = Directory.CreateTempSubdirectory("exchange-proof-benchmark-");
        try
        {
            return await RunAsync(folder.FullName, database, users);
        }
        catch (Exception e) when (e is InvalidOperationException or OverflowException or IOException or DbException)
        {
            await Console.Error.WriteLineAsync($"{Verb} failed: {e.Message}");
            return 1;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<int> RunAsync(string folder, BenchmarkDatabase database, int users)
    {
        await using var store = await database.OpenAsync(folder);
        // Nothing listens at Hub's address: the snapshots record Hub's reserves as unknown, and only the exchange is measured.
        var hub = new Uri($"http://127.0.0.1:{Loopback.FreePort()}/");
        using var host = BenchmarkHost.Create(folder, hub, [.. store.Settings, (BenchmarkSigningKey.Setting, BenchmarkSigningKey.WriteTo(folder))]).Build();
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();

        Console.WriteLine($"Booking {users:N0} users' MIOTA and BTC balances through the ledger on {store.Provider} (not timed)...");
        await ProofSeed.CreditAsync(host.Services, users);
        Console.WriteLine("Taking the first snapshot (it makes every user's nonce), then the next (the daily one)...");
        var first = await SnapshotRun.TakeAsync(host.Services);
        var next = await SnapshotRun.TakeAsync(host.Services);

        var checks = new LedgerChecks(host.Services);
        await ProofChecks.CheckAsync(host.Services, checks, "first snapshot", first.Outcome, users);
        await ProofChecks.CheckAsync(host.Services, checks, "next snapshot", next.Outcome, users);
        var depth = (await host.Services.GetRequiredService<ProofQueries>().FindAsync(next.Outcome.SnapshotId))?.Depth;
        Print(store.Provider, users, depth, first, next);
        checks.Print(Console.Out);
        return checks.AllHeld ? 0 : 1;
    }

    private static void Print(string provider, int users, int? depth, SnapshotFigures first, SnapshotFigures next)
    {
        Console.WriteLine($"""

            on {provider}
            users                     {users:N0} (a MIOTA and a BTC balance each)
            leaves                    {next.Outcome.LeafCount:N0} (padded to a power of two)
            depth                     {depth}
            {"",-26}{"first snapshot",-18}next snapshot
            """);
        Row("build time (s)", first, next, f => $"{f.Build.TotalSeconds:0.00}");
        Row("  processor time (s)", first, next, f => $"{f.Processor.TotalSeconds:0.00}");
        Row("peak working set (MB)", first, next, f => $"{f.PeakWorkingSet / MB:N0}");
        Row("  before the build (MB)", first, next, f => $"{f.WorkingSetBefore / MB:N0}");
        Row("peak managed heap (MB)", first, next, f => $"{f.PeakManaged / MB:N0}");
        Console.WriteLine($"""
            {"",-26}(the seeding is not timed; processor time is this process's, on every core; memory sampled
            {"",-26} every 50 ms during the build, from a compacted heap; the first snapshot also makes every
            {"",-26} user's nonce; Hub did not answer, its reserves are unknown)
            process peak working set  {WorkingSetSampler.ProcessPeakBytes() / MB:N0} MB (the seeding included)
            """);
    }

    private static void Row(string name, SnapshotFigures first, SnapshotFigures next, Func<SnapshotFigures, string> figure) =>
        Console.WriteLine($"{name,-26}{figure(first),-18}{figure(next)}");
}
