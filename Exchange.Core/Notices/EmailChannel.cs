using Exchange.Core.Email;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Notices;

/// <summary>Mail: an outbox row per recipient who wants the kind by email (security kinds always); a changed email is also told to the old address.</summary>
public sealed class EmailChannel(EmailTemplates templates, IOptions<EmailOptions> options, IEnumerable<INoticeMailLinks> mailLinks) : INoticeChannel
{
    public async Task FanOutAsync(NoticeFanOut fanOut, CancellationToken cancellationToken)
    {
        var domain = EmailOutbox.MessageDomain(options.Value);
        foreach (var notice in fanOut.Notices)
        {
            var text = notice.Type.TextOf(notice.Data, fanOut.Coins);
            var addresses = fanOut.Recipients.Of(notice).Where(u => fanOut.Recipients.Wants(u, notice.Type, NoticeChannelKind.Email))
                .Select(fanOut.Recipients.EmailOf).OfType<string>().ToList();
            if (notice.Type == NoticeTypes.EmailChanged && notice.Data["previousEmail"] is { Length: > 0 } previous) addresses.Add(previous);
            foreach (var address in addresses.Distinct(StringComparer.OrdinalIgnoreCase))
                EmailOutbox.Add(fanOut.Db, templates.Notice(address, notice.Type.Name, text, await LinksAsync(fanOut, notice, cancellationToken)), fanOut.Now, notice.Notice.Id, domain);
        }
    }

    // Asked for each mail: a single-use link is one mail's own.
    private async Task<List<NoticeMailLink>> LinksAsync(NoticeFanOut fanOut, DispatchedNotice notice, CancellationToken cancellationToken)
    {
        var links = new List<NoticeMailLink>();
        foreach (var source in mailLinks)
            links.AddRange(await source.LinksAsync(fanOut, notice, cancellationToken));
        return links;
    }
}
