using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Core.HubSync;
using Exchange.Core.Jobs;
using Exchange.Core.Notices;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Sweeps;

public sealed record SweepMonitorResult(int NewSweeps, int Changed) : IJobResult
{
    public string Summary => $"{NewSweeps} new sweeps, {Changed} changed";

    public bool DidWork => NewSweeps > 0 || Changed > 0;
}

/// <summary>Keeps the table of Hub's sweeps: new ones from SweepSubscription, confirmation and tails from SweepDetail.</summary>
public sealed class SweepMonitor(IDbContextFactory<ExchangeDbContext> contexts, IHubClient hub, IExchangeEvents events,
    IOptions<HubSyncOptions> options, TimeProvider time)
{
    public const string CursorName = "sweep-subscription";
    private const int DetailsPerRun = 50;

    public async Task<SweepMonitorResult> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var cursor = await db.HubCursors.FindAsync([CursorName], cancellationToken) ?? db.HubCursors.Add(new HubCursor { Name = CursorName }).Entity;
        var sweeps = await hub.SweepSubscriptionAsync(Math.Max(0, cursor.Timestamp - (long)options.Value.CursorLag.TotalMilliseconds), cancellationToken);
        var known = (await db.HubSweeps.Where(s => sweeps.Select(x => x.BundleHash).Contains(s.BundleHash)).Select(s => s.BundleHash).ToListAsync(cancellationToken)).ToHashSet();
        var fresh = sweeps.Where(s => !known.Contains(s.BundleHash)).ToList();
        foreach (var sweep in fresh)
            db.HubSweeps.Add(HubSweep.Seen(sweep.BundleHash, sweep.Timestamp, sweep.WithdrawalUuids, Now));
        if (sweeps.Count > 0) cursor.Timestamp = Math.Max(cursor.Timestamp, sweeps.Max(s => s.Timestamp));
        await db.SaveChangesAsync(cancellationToken);

        var changed = new List<string>();
        foreach (var sweep in await db.HubSweeps.Where(s => !s.Confirmed).OrderBy(s => s.CheckedAt).Take(DetailsPerRun).ToListAsync(cancellationToken))
            if (await hub.SweepDetailAsync(sweep.BundleHash, cancellationToken) is { } detail && sweep.Update(detail.Confirmed, detail.TailHashes.Count, detail.Trytes.Count, Now))
            {
                changed.Add(sweep.BundleHash);
                if (sweep.Confirmed) NoticeLog.Add(db, NoticeTypes.SweepConfirmed, null, ConfirmedData(sweep), Now);
            }
        // The notices are saved with the confirmations they tell of.
        await db.SaveChangesAsync(cancellationToken);

        foreach (var bundle in fresh.Select(s => s.BundleHash).Union(changed)) events.Publish(new SweepChanged(bundle));
        return new SweepMonitorResult(fresh.Count, changed.Count);
    }

    public async Task<IReadOnlyList<HubSweep>> RecentAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.HubSweeps.AsNoTracking().OrderByDescending(s => s.HubTimestamp).ThenByDescending(s => s.Id).Take(count).ToListAsync(cancellationToken);
    }

    private static NoticeData ConfirmedData(HubSweep sweep) => new NoticeData()
        .With("bundle", sweep.BundleHash).With("hubTimestamp", sweep.HubTimestamp).With("tails", sweep.Tails).With("transactions", sweep.Transactions)
        .With("withdrawals", sweep.WithdrawalUuids.Split(',', StringSplitOptions.RemoveEmptyEntries).Length);

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}

internal sealed class HubSweepConfiguration : IEntityTypeConfiguration<HubSweep>
{
    public void Configure(EntityTypeBuilder<HubSweep> sweep)
    {
        sweep.Property(s => s.BundleHash).HasMaxLength(81);
        sweep.Property(s => s.WithdrawalUuids).HasMaxLength(4000);
        sweep.HasIndex(s => s.BundleHash).IsUnique();
        sweep.HasIndex(s => new { s.Confirmed, s.CheckedAt });
        sweep.HasIndex(s => s.HubTimestamp);
    }
}
