using System.Globalization;
using System.Text;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Ledger;

/// <summary>What a user narrows the history to; dates are UTC days, inclusive.</summary>
public sealed record HistoryFilter(string? Coin = null, LedgerEntryKind? Kind = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>One page, newest first; <see cref="OlderThan"/> is the cursor of the next page, null on the last.</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerEntry> Entries, long? OlderThan);

/// <summary>
/// A user's ledger entries, newest first, paged by keyset (Id below the last one seen) over the
/// (UserId, Id desc) index, so the first page costs the same at ten entries or a million.
/// </summary>
public sealed class LedgerHistory(IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue)
{
    public async Task<LedgerPage> PageAsync(string userId, HistoryFilter filter, long? olderThan = null, int size = 25, CancellationToken cancellationToken = default)
    {
        var coins = await catalogue.CurrentAsync(cancellationToken);
        await using var db = contexts.CreateDbContext();
        var query = Filtered(db, coins, userId, filter);
        if (olderThan is { } cursor) query = query.Where(e => e.Id < cursor);
        var entries = await query.OrderByDescending(e => e.Id).Take(size + 1).ToListAsync(cancellationToken);
        return entries.Count > size ? new LedgerPage(entries[..size], entries[size - 1].Id) : new LedgerPage(entries, null);
    }

    /// <summary>
    /// The account's value in USD (at today's prices) after each of its last <paramref name="points"/>
    /// entries, oldest first: the balances are read back from the entries themselves.
    /// </summary>
    public async Task<IReadOnlyList<(DateTime At, decimal Usd)>> ValueOverTimeAsync(string userId, int points = 30, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.UserId == userId).OrderByDescending(e => e.Id).Take(points).ToListAsync(cancellationToken);
        entries.Reverse();
        var coins = await catalogue.CurrentAsync(cancellationToken);
        // Each coin starts from its balance just before its first entry in the window.
        var totals = entries.GroupBy(e => e.Coin).ToDictionary(g => g.Key, g =>
        {
            var first = g.First();
            return first.AvailableAfter - first.AvailableChange + first.ReservedAfter - first.ReservedChange;
        });
        var values = new List<(DateTime, decimal)>(entries.Count);
        foreach (var entry in entries)
        {
            totals[entry.Coin] = entry.AvailableAfter + entry.ReservedAfter;
            values.Add((entry.CreatedAt, totals.Sum(t => coins.Find(t.Key)?.UsdValue(t.Value) ?? 0)));
        }
        return values;
    }

    /// <summary>All matching entries as CSV (invariant culture, amounts in the coin's display unit).</summary>
    public async Task<string> CsvAsync(string userId, HistoryFilter filter, CancellationToken cancellationToken = default)
    {
        var coins = await catalogue.CurrentAsync(cancellationToken);
        await using var db = contexts.CreateDbContext();
        var csv = new StringBuilder("time_utc,kind,coin,available_change,reserved_change,available_after,reserved_after,reference,reason\n");
        await foreach (var e in Filtered(db, coins, userId, filter).OrderByDescending(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var coin = coins.Find(e.Coin);
            string Amount(long v) => coin is null ? v.ToString(CultureInfo.InvariantCulture) : coin.ToDisplayUnits(v).ToString(CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{e.CreatedAt:yyyy-MM-ddTHH:mm:ssZ},{e.Kind},{e.Coin},{Amount(e.AvailableChange)},{Amount(e.ReservedChange)},")
                .Append(CultureInfo.InvariantCulture, $"{Amount(e.AvailableAfter)},{Amount(e.ReservedAfter)},{Csv.Field(e.Reference)},{Csv.Field(e.Reason)}\n");
        }
        return csv.ToString();
    }

    private static IQueryable<LedgerEntry> Filtered(ExchangeDbContext db, CoinList coins, string userId, HistoryFilter filter)
    {
        var query = db.LedgerEntries.AsNoTracking().Where(e => e.UserId == userId);
        // Matched here, exactly, not by the database's collation (case-blind on SQL Server): an unlisted coin has no entries.
        if (filter.Coin is { } wanted) query = coins.Find(wanted) is { } coin ? query.Where(e => e.Coin == coin.Symbol) : query.Where(e => false);
        if (filter.Kind is { } kind) query = query.Where(e => e.Kind == kind);
        if (filter.From is { } from) query = query.Where(e => e.CreatedAt >= from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        if (filter.To is { } to) query = query.Where(e => e.CreatedAt < to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        return query;
    }
}
