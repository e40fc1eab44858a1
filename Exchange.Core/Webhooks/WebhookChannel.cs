using Exchange.Core.Notices;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Webhooks;

/// <summary>
/// Webhooks as a notice channel: in the dispatcher's transaction, one message per enabled endpoint
/// that wants the notice's type and whose owner hears of it (the notice's user for a user endpoint,
/// a current operator for an operators' one). A committed change always yields its messages; a
/// rolled-back one, whose notice never existed, none.
/// </summary>
public sealed class WebhookChannel : INoticeChannel
{
    public async Task FanOutAsync(NoticeFanOut fanOut, CancellationToken cancellationToken)
    {
        var notices = fanOut.Notices.Where(n => WebhookEvents.AudienceOf(n.Notice.Type) is not null).ToList();
        if (notices.Count == 0) return;
        var users = notices.Where(n => n.Notice.UserId is not null).Select(n => n.Notice.UserId!).Distinct().ToList();
        var forOperators = notices.Any(n => WebhookEvents.AudienceOf(n.Notice.Type) == WebhookAudience.Operators);
        var endpoints = await fanOut.Db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.DisabledAt == null && ((e.Audience == WebhookAudience.User && users.Contains(e.OwnerId)) || (forOperators && e.Audience == WebhookAudience.Operators)))
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        if (endpoints.Count == 0) return;
        foreach (var notice in notices)
        {
            var audience = WebhookEvents.AudienceOf(notice.Notice.Type);
            var hearing = fanOut.Recipients.Of(notice).ToHashSet(StringComparer.Ordinal);
            var payload = WebhookPayloads.Of(notice, fanOut.Coins);
            foreach (var endpoint in endpoints.Where(e => e.Audience == audience && hearing.Contains(e.OwnerId) && e.Wants(notice.Notice.Type)))
                fanOut.Db.WebhookMessages.Add(WebhookMessage.Of(endpoint.Id, notice.Notice.Id, notice.Notice.Type, payload, fanOut.Now));
        }
    }
}
