using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Notices;

public sealed record NoticeRun(int Dispatched)
{
    public string Summary => Dispatched == 0 ? "nothing new" : $"{Dispatched} notice(s) dispatched";
}

/// <summary>
/// The notices job's work: claims undispatched notices in Id order, a batch at a time, so that two
/// nodes never fan one out twice (PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>, SQL Server
/// <c>UPDLOCK, READPAST</c>; SQLite has one writer); every channel adds its rows in the same
/// transaction, the notices are marked dispatched, and after the commit each user with new in-app
/// notifications is told.
/// </summary>
public sealed class NoticeDispatcher(IDbContextFactory<ExchangeDbContext> contexts, IEnumerable<INoticeChannel> channels, CoinCatalogue catalogue, IExchangeEvents events, TimeProvider time)
{
    public const int BatchSize = 500;

    public async Task<NoticeRun> RunAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        for (var batch = await DispatchBatchAsync(cancellationToken); batch > 0; batch = await DispatchBatchAsync(cancellationToken))
        {
            total += batch;
            if (batch < BatchSize) break;
        }
        return new NoticeRun(total);
    }

    private async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        var coins = await catalogue.CurrentAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await ClaimAsync(db, cancellationToken);
        if (ids.Count == 0) return 0;
        var notices = (await db.Notices.AsNoTracking().Where(n => ids.Contains(n.Id)).OrderBy(n => n.Id).ToListAsync(cancellationToken))
            .Select(n => NoticeTypes.Find(n.Type) is { } type ? new DispatchedNotice(n, type, NoticeData.FromJson(n.Data)) : null)
            .OfType<DispatchedNotice>().ToList();
        var recipients = new NoticeRecipients(db);
        await recipients.LoadAsync(notices, cancellationToken);
        var fanOut = new NoticeFanOut(db, notices, coins, now, recipients);
        foreach (var channel in channels)
            await channel.FanOutAsync(fanOut, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Notices.Where(n => ids.Contains(n.Id) && n.DispatchedAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.DispatchedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var user in fanOut.Notified)
            events.Publish(new NotificationsChanged(user));
        return ids.Count;
    }

    // Rows another node holds are skipped, not waited for; on SQLite the transaction is the only writer.
    internal static async Task<List<long>> ClaimAsync(ExchangeDbContext db, CancellationToken cancellationToken)
    {
        var sql = new SqlStatement(db);
        var (table, id, dispatched) = (sql.Table<Notice>(), sql.Column<Notice>(nameof(Notice.Id)), sql.Column<Notice>(nameof(Notice.DispatchedAt)));
        var query = db.Database.IsNpgsql()
            ? $"SELECT {id} AS \"Value\" FROM {table} WHERE {dispatched} IS NULL ORDER BY {id} LIMIT {BatchSize} FOR UPDATE SKIP LOCKED"
            : db.Database.IsSqlServer()
                ? $"SELECT TOP ({BatchSize}) {id} AS [Value] FROM {table} WITH (UPDLOCK, READPAST, ROWLOCK) WHERE {dispatched} IS NULL ORDER BY {id}"
                : $"SELECT {id} AS \"Value\" FROM {table} WHERE {dispatched} IS NULL ORDER BY {id} LIMIT {BatchSize}";
        return await db.Database.SqlQueryRaw<long>(query).ToListAsync(cancellationToken);
    }
}
