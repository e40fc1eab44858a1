using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Ledger;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Benchmarks.Harness;

/// <summary>A benchmark's own correctness check: each line says what was checked and whether it held.</summary>
internal sealed class LedgerChecks(IServiceProvider services)
{
    private readonly List<(string What, bool Held)> lines = [];

    public bool AllHeld => lines.All(l => l.Held);

    public void Expect(string what, bool held) => lines.Add((what, held));

    /// <summary>The ledger holds exactly <paramref name="entries"/> deposit entries of the users named <paramref name="prefix"/>..., worth <paramref name="amount"/>.</summary>
    public async Task DepositEntriesAsync(string who, string prefix, long entries, long amount)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContextAsync();
        var deposits = db.LedgerEntries.Where(e => e.Kind == LedgerEntryKind.Deposit && e.UserId.StartsWith(prefix));
        var (count, sum) = (await deposits.LongCountAsync(), await deposits.SumAsync(e => (long?)e.AvailableChange) ?? 0);
        Expect($"{who}: {count} ledger deposit entries (expected {entries}), {sum} i (expected {amount})", count == entries && sum == amount);
    }

    /// <summary>Every account is the sum of its entries, and what the exchange owes its users is what Hub holds.</summary>
    public async Task LedgerEqualsHubAsync(string when, IHubClient hub)
    {
        var report = await services.GetRequiredService<Reconciliation>().RunAsync();
        var held = await hub.GetStatsAsync();
        var owed = report.LiabilityIn(CoinSymbols.Iota);
        Expect($"{when}: ledger owes {owed} i, Hub holds {held} i, {report.Mismatches.Count} accounts off their entries", report.IsBalanced && owed == held);
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"correctness: {(AllHeld ? "every check held" : "FAILED")}");
        foreach (var (what, held) in lines) output.WriteLine($"  {(held ? "ok    " : "FAILED")} {what}");
    }
}
