namespace Exchange.Core.Notices;

/// <summary>The bell: a notification row per recipient who wants the kind in the app.</summary>
public sealed class InAppChannel : INoticeChannel
{
    public Task FanOutAsync(NoticeFanOut fanOut, CancellationToken cancellationToken)
    {
        foreach (var notice in fanOut.Notices)
        {
            var text = notice.Type.TextOf(notice.Data, fanOut.Coins);
            foreach (var user in fanOut.Recipients.Of(notice).Where(u => fanOut.Recipients.Wants(u, notice.Type, NoticeChannelKind.InApp)))
            {
                fanOut.Db.Notifications.Add(Notification.For(user, notice.Notice, text, fanOut.Now));
                fanOut.MarkNotified(user);
            }
        }
        return Task.CompletedTask;
    }
}
