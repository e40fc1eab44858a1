using Exchange.Benchmarks.Harness;
using Exchange.Benchmarks.Serving;
using Exchange.Core.Data;
using Exchange.Hub.Client;
using Exchange.Web.Cli;

namespace Exchange.Benchmarks.Deposits;

/// <summary>
/// <c>benchmark --users U --deposits D</c>: the Hub emulator, in a process of its own, holds D
/// confirmed and swept deposits of U users; the exchange is timed from its first balance check until
/// every deposit is credited and moved to the hot wallet. <c>--baseline guide</c> then runs the
/// original guide's algorithm on a second set of users seeded alike, on the same emulator.
/// </summary>
internal static class DepositBenchmarkCommand
{
    public const string Verb = "benchmark";
    public static readonly string[] OptionNames = ["users", "deposits", "provider", "database", "baseline", "help"];
    private const string Ours = "bench-";
    private const string Guide = "guide-";

    private static readonly string Usage = $"""
        usage: benchmark [--users U] [--deposits D] [--provider sqlite|postgres] [--database "<connection>"] [--baseline guide]
          --users U                    exchange users, each with a Hub account (default 1000)
          --deposits D                 confirmed deposits, round robin over the users' addresses (default U, at least U)
        {BenchmarkDatabase.Usage}
          --baseline guide             also run the IOTA Hub guide's check_changes on U more users seeded alike
        Prints the figures and checks that every deposit was credited once and the ledger equals Hub (exit 1 if not).
        """;

    public static async Task<int> RunAsync(CommandLine command)
    {
        var arguments = new VerbArguments(command);
        if (arguments.Help)
        {
            Console.WriteLine(Usage);
            return 0;
        }
        var users = arguments.Int("users", 1000, 1, "10000");
        var deposits = arguments.Int("deposits", users, 1, "10000");
        if (deposits < users) arguments.Problem($"--deposits D (at least U): {deposits} deposits cannot give each of {users} users one");
        var database = BenchmarkDatabase.Read(arguments);
        var baseline = arguments.Choice("baseline", "none", "guide") == "guide";
        if (arguments.Problems.Count > 0) return await arguments.RefuseAsync(Verb, Usage);

        var folder = Directory.CreateTempSubdirectory("exchange-benchmark-");
        try
        {
            return await RunAsync(folder.FullName, database, users, deposits, baseline);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or System.Data.Common.DbException or HubTransportException or HubCommandException)
        {
            await Console.Error.WriteLineAsync($"benchmark failed: {e.Message}");
            return 1;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<int> RunAsync(string folder, BenchmarkDatabase database, int users, int deposits, bool baseline)
    {
        await using var store = await database.OpenAsync(folder);
        await using var emulator = await EmulatorProcess.StartAsync(folder, ("SweepMaxDeposits", Math.Min(deposits, 100_000).ToString()));
        var counter = new HubCallCounter();
        using var host = BenchmarkExchange.Build(folder, store, emulator.BaseAddress, counter);
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await ExchangeRun.WarmUpAsync(host.Services);
        var hub = host.Services.GetRequiredService<IHubClient>();
        var checks = new LedgerChecks(host.Services);
        var amount = (long)deposits * 1_000_000 + (long)deposits * (deposits - 1) / 2;

        Console.WriteLine($"Seeding {users} users and {deposits} deposits on {store.Provider} (not timed)...");
        await ExchangeSeeder.StoreAsync(host.Services, emulator.SeedAsync(users, deposits, firstUser: 1), users, Ours);
        var ours = await ExchangeRun.RunAsync(host.Services, counter, users, deposits);
        await checks.DepositEntriesAsync("exchange", $"{Ours}user-", deposits, amount);
        checks.Expect($"exchange: moved {ours.Moved} i to the hot wallet (expected {amount})", ours.Moved == amount);
        await checks.LedgerEqualsHubAsync("after the exchange's run", hub);

        (RunFigures Figures, GuideBatch Batch)? guide = null;
        if (baseline)
        {
            Console.WriteLine($"Seeding the guide's {users} users and {deposits} deposits alike (not timed)...");
            var guideUsers = new List<string>();
            await foreach (var address in emulator.SeedAsync(users, deposits, firstUser: users + 1))
                if (address.Index < users) guideUsers.Add(address.HubUserId);
            guide = await GuideBaseline.RunAsync(host.Services, emulator.BaseAddress, counter, guideUsers, Guide, deposits);
            await checks.DepositEntriesAsync("guide", $"{Guide}user-", users, amount);
            await checks.LedgerEqualsHubAsync("after the guide's run", hub);
        }

        BenchmarkTable.Print(Console.Out, store.Provider, ours, guide);
        checks.Print(Console.Out);
        return checks.AllHeld ? 0 : 1;
    }
}
