using Exchange.Core.Data;
using Exchange.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Notices;

public sealed record AlertRun(int Opened, int Closed, int Open)
{
    public string Summary => $"{Open} open ({Opened} opened, {Closed} closed)";
}

/// <summary>
/// The alerts job's work: the overview's alerts are compared with the open ones (<see cref="OpenAlert"/>);
/// an alert opens once, with an <c>alert.opened</c> notice, and closes when the overview no longer
/// reports it, with <c>alert.closed</c>, each in the transaction that records it. While it stays open
/// nobody is told again.
/// </summary>
public sealed class AlertMonitor(IDbContextFactory<ExchangeDbContext> contexts, OverviewSnapshot overview, TimeProvider time)
{
    public async Task<AlertRun> RunAsync(CancellationToken cancellationToken)
    {
        var report = await overview.ReadAsync(cancellationToken);
        return await RecordAsync(report.KeyedAlerts, cancellationToken);
    }

    public async Task<AlertRun> RecordAsync(IReadOnlyList<OperatorAlert> current, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var open = await db.OpenAlerts.ToDictionaryAsync(a => a.Key, cancellationToken);
        var reported = current.DistinctBy(a => a.Key).ToDictionary(a => a.Key);
        var opened = reported.Values.Where(a => !open.ContainsKey(a.Key)).ToList();
        var closed = open.Values.Where(a => !reported.ContainsKey(a.Key)).ToList();
        foreach (var alert in opened)
        {
            db.OpenAlerts.Add(new OpenAlert { Key = alert.Key, Text = Limits.Fit(alert.Text, Limits.NotificationText), OpenedAt = now });
            NoticeLog.Add(db, NoticeTypes.AlertOpened, null, new NoticeData().With("alert", alert.Key).With("text", Limits.Fit(alert.Text, Limits.NotificationText)), now);
        }
        foreach (var alert in closed)
        {
            db.OpenAlerts.Remove(alert);
            NoticeLog.Add(db, NoticeTypes.AlertClosed, null, new NoticeData().With("alert", alert.Key).With("text", alert.Text).With("openedAt", alert.OpenedAt.ToString("O")), now);
        }
        // A second node recording the same opening at once loses on the key and changes nothing.
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AlertRun(opened.Count, closed.Count, reported.Count);
    }

    public async Task<IReadOnlyList<OpenAlert>> OpenAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.OpenAlerts.AsNoTracking().OrderBy(a => a.OpenedAt).ToListAsync(cancellationToken);
    }
}
