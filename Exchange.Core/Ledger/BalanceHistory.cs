using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Exchange.Core.Ledger;

/// <summary>A balance (available + reserved, base units) at the end of one hour or day.</summary>
public sealed record BalancePoint(DateTime At, long Balance);

/// <summary>One coin's balance over time, oldest first, one point per <see cref="Period"/> (an hour or a day).</summary>
public sealed record CoinBalanceHistory(string Coin, TimeSpan Period, IReadOnlyList<BalancePoint> Points);

/// <summary>
/// A user's balance per coin over time, read back from the running balances the ledger entries
/// carry. The database groups the user's newest entries (at most <see cref="MaxEntries"/>, over
/// the user's index, within <see cref="Window"/>) by coin and hour or day and returns the last
/// entry of each, so a chart costs the same for a user with ten entries or a million. A period
/// with no entry carries the balance before it; a coin that did not move is drawn flat at its balance.
/// </summary>
public sealed class BalanceHistory(IDbContextFactory<ExchangeDbContext> contexts, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    /// <summary>Histories up to this long are drawn hour by hour, longer ones day by day.</summary>
    public static readonly TimeSpan Hourly = TimeSpan.FromDays(4);

    public const int MaxEntries = 5_000;

    private readonly MemoryCache drawn = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    private sealed record Drawn(long? LastEntry, DateTime Hour, IReadOnlyList<CoinBalanceHistory> Histories);

    /// <summary>
    /// The user's histories. They change only when the user's ledger moves or the hour turns, so a
    /// dashboard loaded again costs one seek on the user's index (their newest entry) until then.
    /// </summary>
    public async Task<IReadOnlyList<CoinBalanceHistory>> ForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = contexts.CreateDbContext();
        var last = await db.LedgerEntries.Where(e => e.UserId == userId).OrderByDescending(e => e.Id).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
        var hour = Period(hourly: true, now);
        if (drawn.TryGetValue(userId, out Drawn? known) && known!.LastEntry == last && known.Hour == hour)
            return known.Histories;
        var histories = await ReadAsync(db, userId, now, cancellationToken);
        drawn.Set(userId, new Drawn(last, hour, histories), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(15) });
        return histories;
    }

    private static async Task<IReadOnlyList<CoinBalanceHistory>> ReadAsync(ExchangeDbContext db, string userId, DateTime now, CancellationToken cancellationToken)
    {
        var since = now - Window;
        var mine = db.LedgerEntries.AsNoTracking().Where(e => e.UserId == userId);
        var recent = mine.Where(e => e.CreatedAt >= since).OrderByDescending(e => e.Id).Take(MaxEntries);
        if (await recent.MinAsync(e => (DateTime?)e.CreatedAt, cancellationToken) is not { } first) return [];
        var hourly = now - first <= Hourly;
        var lastOfPeriods = hourly
            ? await recent.GroupBy(e => new { e.Coin, e.CreatedAt.Year, e.CreatedAt.Month, e.CreatedAt.Day, e.CreatedAt.Hour }).Select(g => g.Max(e => e.Id)).ToListAsync(cancellationToken)
            : await recent.GroupBy(e => new { e.Coin, e.CreatedAt.Year, e.CreatedAt.Month, e.CreatedAt.Day }).Select(g => g.Max(e => e.Id)).ToListAsync(cancellationToken);
        var firstOfCoins = await recent.GroupBy(e => e.Coin).Select(g => g.Min(e => e.Id)).ToListAsync(cancellationToken);
        var ids = lastOfPeriods.Concat(firstOfCoins).ToList();
        var entries = await mine.Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Coin, e.CreatedAt, After = e.AvailableAfter + e.ReservedAfter, Change = e.AvailableChange + e.ReservedChange })
            .ToListAsync(cancellationToken);
        var still = await db.Accounts.AsNoTracking().Where(a => a.UserId == userId && a.Available + a.Reserved > 0)
            .Select(a => new { a.Coin, Balance = a.Available + a.Reserved }).ToListAsync(cancellationToken);

        var (start, end) = (Period(hourly, first), Period(hourly, now));
        var step = hourly ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        var moved = entries.GroupBy(e => e.Coin).Select(g =>
        {
            // The coin's first entry says what it held before; each period then ends at its last entry.
            var opening = g.First();
            var booked = new Dictionary<DateTime, long> { [start] = opening.After - opening.Change };
            foreach (var e in g) booked[Period(hourly, e.CreatedAt)] = e.After;
            return new CoinBalanceHistory(g.Key, step, Fill(booked, start, end, step));
        });
        var flat = still.Where(a => entries.All(e => e.Coin != a.Coin))
            .Select(a => new CoinBalanceHistory(a.Coin, step, Fill(new Dictionary<DateTime, long> { [start] = a.Balance }, start, end, step)));
        return moved.Concat(flat).OrderBy(h => h.Coin, StringComparer.Ordinal).ToList();
    }

    private static DateTime Period(bool hourly, DateTime at) => new(at.Year, at.Month, at.Day, hourly ? at.Hour : 0, 0, 0, DateTimeKind.Utc);

    private static List<BalancePoint> Fill(Dictionary<DateTime, long> booked, DateTime start, DateTime end, TimeSpan step)
    {
        var points = new List<BalancePoint>();
        var balance = 0L;
        for (var at = start; at <= end; at += step)
        {
            if (booked.TryGetValue(at, out var b)) balance = b;
            points.Add(new BalancePoint(at, balance));
        }
        return points;
    }

    public void Dispose() => drawn.Dispose();
}
