using Exchange.Core.Data;

namespace Exchange.Core.Notices;

/// <summary>
/// How a change writes its notice: inside the change's own transaction, through the context that
/// makes the change, so a rolled-back change leaves none and a committed one always has its notice.
/// </summary>
public static class NoticeLog
{
    /// <summary>A tracked notice, saved with the caller's next SaveChanges.</summary>
    public static Notice Add(ExchangeDbContext db, NoticeType type, string? userId, NoticeData data, DateTime at)
    {
        var notice = Notice.Of(type, userId, data, at);
        db.Notices.Add(notice);
        return notice;
    }

    /// <summary>Many notices in one statement, for the jobs that book thousands at once; nothing is tracked.</summary>
    public static Task AddManyAsync(ExchangeDbContext db, IReadOnlyCollection<Notice> notices, CancellationToken cancellationToken = default) =>
        BulkSql.InsertAsync(db, notices, cancellationToken);
}
