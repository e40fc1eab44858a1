using System.Globalization;
using Exchange.Benchmarks.Deposits;
using Exchange.Benchmarks.Harness;
using Exchange.Benchmarks.Serving;
using Exchange.Core.Data;
using Exchange.Core.Withdrawals;
using Exchange.Hub.Client;
using Exchange.Web.Cli;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Benchmarks.Withdrawals;

/// <summary>
/// <c>benchmark-withdrawals --withdrawals N</c>: N users with balances each ask for a withdrawal;
/// the exchange's withdrawal and sweep-monitor jobs carry them through Hub (the emulator, in a
/// process of its own, sweeping and attaching between rounds) to Completed, timed.
/// </summary>
internal static class WithdrawalBenchmarkCommand
{
    public const string Verb = "benchmark-withdrawals";
    public static readonly string[] OptionNames = ["withdrawals", "provider", "database", "help"];

    private static readonly string Usage = $"""
        usage: benchmark-withdrawals [--withdrawals N] [--provider sqlite|postgres] [--database "<connection>"]
          --withdrawals N              users with a balance, each asking for one withdrawal (default 1000)
        {BenchmarkDatabase.Usage}
        Prints the figures and checks that each withdrawal was paid once on Hub and Completed, and the ledger equals Hub (exit 1 if not).
        """;

    public static async Task<int> RunAsync(CommandLine command)
    {
        var arguments = new VerbArguments(command);
        if (arguments.Help)
        {
            Console.WriteLine(Usage);
            return 0;
        }
        var withdrawals = arguments.Int("withdrawals", 1000, 1, "1000");
        var database = BenchmarkDatabase.Read(arguments);
        if (arguments.Problems.Count > 0) return await arguments.RefuseAsync(Verb, Usage);

        var folder = Directory.CreateTempSubdirectory("exchange-withdrawal-benchmark-");
        try
        {
            return await RunAsync(folder.FullName, database, withdrawals);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or System.Data.Common.DbException or HubTransportException or HubCommandException)
        {
            await Console.Error.WriteLineAsync($"{Verb} failed: {e.Message}");
            return 1;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<int> RunAsync(string folder, BenchmarkDatabase database, int withdrawals)
    {
        await using var store = await database.OpenAsync(folder);
        await using var emulator = await EmulatorProcess.StartAsync(folder, ("MillisecondTimestamps", "true"), ("ConfirmationDelay", "00:00:00"),
            ("ReattachAfter", "01:00:00"), ("SweepMaxDeposits", Math.Min(withdrawals, 100_000).ToString(CultureInfo.InvariantCulture)));
        var counter = new HubCallCounter();
        using var host = BenchmarkExchange.Build(folder, store, emulator.BaseAddress, counter);
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await ExchangeRun.WarmUpAsync(host.Services);

        Console.WriteLine($"Funding {withdrawals} users through Hub deposits on {store.Provider} (not timed)...");
        await WithdrawalSeed.FundAsync(host.Services, emulator, withdrawals);
        var requesting = System.Diagnostics.Stopwatch.StartNew();
        var ids = await WithdrawalSeed.RequestAsync(host.Services, withdrawals);
        requesting.Stop();
        Console.WriteLine($"Requested {ids.Count} withdrawals in {requesting.Elapsed.TotalSeconds:0.00} s, every one approved on request (below the approval threshold); following them to Completed...");

        var figures = await WithdrawalRun.RunAsync(host.Services, emulator, counter, withdrawals);
        var checks = new LedgerChecks(host.Services);
        var sweeps = await CheckAsync(host.Services, checks, withdrawals);
        Print(figures, sweeps);
        checks.Print(Console.Out);
        return checks.AllHeld ? 0 : 1;
    }

    // Hub paid each amount once from the hot wallet, every withdrawal is Completed, the ledger is what Hub holds.
    private static async Task<int> CheckAsync(IServiceProvider services, LedgerChecks checks, int withdrawals)
    {
        var hub = services.GetRequiredService<IHubClient>();
        var paid = (await hub.GetUserHistoryAsync("user-hot-wallet", 0)).Where(e => e.Reason == UserHistoryReason.Withdrawal).Select(e => -e.Amount).Order().ToList();
        var asked = Enumerable.Range(0, withdrawals).Select(i => WithdrawalSeed.AmountOf(i)).ToList();
        checks.Expect($"Hub paid {paid.Count} withdrawals from the hot wallet, each requested amount once (expected {withdrawals})", paid.SequenceEqual(asked));
        await using var db = await services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContextAsync();
        var completed = await db.Withdrawals.CountAsync(w => w.State == WithdrawalState.Completed);
        var uuids = await db.Withdrawals.Select(w => w.HubUuid).Distinct().CountAsync();
        checks.Expect($"{completed} withdrawals Completed, {uuids} distinct Hub withdrawals (expected {withdrawals} each)", completed == withdrawals && uuids == withdrawals);
        await checks.LedgerEqualsHubAsync("after the withdrawals", hub);
        return await db.Withdrawals.Where(w => w.SweepBundleHash != null).Select(w => w.SweepBundleHash).Distinct().CountAsync();
    }

    private static void Print(WithdrawalFigures f, int sweeps)
    {
        var total = f.HubCalls.Values.Sum();
        Console.WriteLine($"""

            withdrawals               {f.Withdrawals}
            completed                 {f.Completed} (in {f.Rounds} rounds of the withdrawal and sweep-monitor jobs)
            wall time                 {f.Wall.TotalSeconds:0.00} s (from the first submission to the last Completed)
            withdrawals per second    {f.Completed / f.Wall.TotalSeconds:0.0}
            sweeps used               {sweeps} ({(double)f.Completed / Math.Max(1, sweeps):0.0} withdrawals per sweep)
            Hub calls                 {total} ({(double)total / f.Withdrawals:0.00} per withdrawal)
            """);
        foreach (var (command, calls) in f.HubCalls.OrderByDescending(c => c.Value))
            Console.WriteLine($"  {command,-24}{calls,8} ({(double)calls / f.Withdrawals:0.00} per withdrawal)");
    }
}
