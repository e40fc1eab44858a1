using Exchange.Core.Data;
using Exchange.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Notices;

/// <summary>A user's in-app notifications: the bell's count, the page's list, marking read.</summary>
public sealed class NotificationInbox(IDbContextFactory<ExchangeDbContext> contexts, IExchangeEvents events, TimeProvider time)
{
    public async Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);
    }

    /// <summary>The newest first, older than <paramref name="olderThan"/> (an id) when given.</summary>
    public async Task<IReadOnlyList<Notification>> RecentAsync(string userId, int count = 50, long? olderThan = null, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        if (olderThan is { } before) query = query.Where(n => n.Id < before);
        return await query.OrderByDescending(n => n.Id).Take(count).ToListAsync(cancellationToken);
    }

    public async Task MarkReadAsync(string userId, long id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var now = time.GetUtcNow().UtcDateTime;
        if (await db.Notifications.Where(n => n.Id == id && n.UserId == userId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken) > 0)
            events.Publish(new NotificationsChanged(userId));
    }

    public async Task MarkAllReadAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var now = time.GetUtcNow().UtcDateTime;
        if (await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken) > 0)
            events.Publish(new NotificationsChanged(userId));
    }
}
