using Exchange.Core.Data;
using Exchange.Core.HubSync;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Sweeps;

/// <summary>A Hub sweep with what the exchange knows of its contents.</summary>
public sealed record SweepWithContents(HubSweep Sweep, int Deposits, long DepositTotal, int Withdrawals, long WithdrawalTotal)
{
    /// <summary>Tails beyond the first are reattachments of the same bundle.</summary>
    public int Reattachments => Math.Max(0, Sweep.Tails - 1);
}

/// <summary>What the operators' sweeps page shows: Hub's sweeps and the exchange's own hot-wallet batches, newest first.</summary>
public sealed class SweepQueries(IDbContextFactory<ExchangeDbContext> contexts)
{
    public async Task<IReadOnlyList<SweepWithContents>> RecentSweepsAsync(int count = 50, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var sweeps = await db.HubSweeps.AsNoTracking().OrderByDescending(s => s.HubTimestamp).ThenByDescending(s => s.Id).Take(count).ToListAsync(cancellationToken);
        var bundles = sweeps.Select(s => s.BundleHash).ToList();
        var deposits = await db.Deposits.Where(d => d.SweepBundleHash != null && bundles.Contains(d.SweepBundleHash))
            .GroupBy(d => d.SweepBundleHash!).Select(g => new { Bundle = g.Key, Count = g.Count(), Total = g.Sum(d => d.Amount) })
            .ToDictionaryAsync(g => g.Bundle, cancellationToken);
        var uuids = sweeps.SelectMany(s => s.WithdrawalUuids.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var paid = await db.Withdrawals.Where(w => w.HubUuid != null && uuids.Contains(w.HubUuid)).Select(w => new { Uuid = w.HubUuid!, w.Amount })
            .Concat(db.HotWalletTransfers.Where(t => t.HubReference != null && uuids.Contains(t.HubReference)).Select(t => new { Uuid = t.HubReference!, t.Amount }))
            .ToDictionaryAsync(w => w.Uuid, w => w.Amount, cancellationToken);
        return sweeps.Select(s =>
        {
            var ids = s.WithdrawalUuids.Split(',', StringSplitOptions.RemoveEmptyEntries);
            var d = deposits.GetValueOrDefault(s.BundleHash);
            return new SweepWithContents(s, d?.Count ?? 0, d?.Total ?? 0, ids.Length, ids.Sum(id => paid.GetValueOrDefault(id)));
        }).ToList();
    }

    public async Task<IReadOnlyList<HotWalletBatch>> RecentBatchesAsync(int count = 50, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.HotWalletBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(count).ToListAsync(cancellationToken);
    }
}
