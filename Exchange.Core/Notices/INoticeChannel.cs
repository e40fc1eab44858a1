using Exchange.Core.Coins;
using Exchange.Core.Data;

namespace Exchange.Core.Notices;

/// <summary>
/// A way of telling people (in-app, email, later webhooks). The dispatcher hands every channel each
/// batch of notices inside the batch's transaction; a channel adds its own rows there (its sender job
/// delivers them later), so a notice is fanned out to all channels once or to none. A new channel is a
/// class implementing this, registered as <c>INoticeChannel</c>.
/// </summary>
public interface INoticeChannel
{
    Task FanOutAsync(NoticeFanOut fanOut, CancellationToken cancellationToken);
}

/// <summary>One notice with its type and data read.</summary>
public sealed record DispatchedNotice(Notice Notice, NoticeType Type, NoticeData Data);

/// <summary>A batch being fanned out: its notices, the transaction's context, and who hears of each.</summary>
public sealed class NoticeFanOut(ExchangeDbContext db, IReadOnlyList<DispatchedNotice> notices, CoinList coins, DateTime now, NoticeRecipients recipients)
{
    private readonly HashSet<string> notified = [];

    public ExchangeDbContext Db => db;
    public IReadOnlyList<DispatchedNotice> Notices => notices;
    public CoinList Coins => coins;
    public DateTime Now => now;
    public NoticeRecipients Recipients => recipients;

    /// <summary>Users whose in-app notifications changed: told once the batch commits.</summary>
    public IReadOnlyCollection<string> Notified => notified;

    public void MarkNotified(string userId) => notified.Add(userId);
}
