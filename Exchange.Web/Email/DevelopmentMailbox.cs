using System.Net;
using System.Text.RegularExpressions;
using MimeKit;

namespace Exchange.Web.Email;

/// <summary>A mail the embedded SMTP server received, as MimeKit read it, with the links of its HTML part.</summary>
public sealed record ReceivedMail(int Id, DateTime ReceivedAt, string From, IReadOnlyList<string> To, string Subject, string MessageId, string Text, string Html,
    IReadOnlyList<string> Links);

/// <summary>What the embedded SMTP server received (Development only), the newest last; the mailbox page lists it.</summary>
public sealed partial class DevelopmentMailbox(TimeProvider time)
{
    private const int Kept = 500;
    private readonly Lock gate = new();
    private readonly List<ReceivedMail> mails = [];
    private int next;

    public ReceivedMail Add(MimeMessage message, IEnumerable<string> recipients)
    {
        lock (gate)
        {
            var html = message.HtmlBody ?? "";
            var mail = new ReceivedMail(++next, time.GetUtcNow().UtcDateTime, message.From.ToString(), [.. recipients], message.Subject ?? "", message.MessageId ?? "",
                message.TextBody ?? "", html, [.. Hrefs().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["href"].Value)).Distinct()]);
            mails.Add(mail);
            if (mails.Count > Kept) mails.RemoveAt(0);
            return mail;
        }
    }

    public IReadOnlyList<ReceivedMail> All
    {
        get
        {
            lock (gate) return [.. mails];
        }
    }

    public ReceivedMail? Find(int id)
    {
        lock (gate) return mails.FirstOrDefault(m => m.Id == id);
    }

    [GeneratedRegex("<a\\s[^>]*href=\"(?<href>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Hrefs();
}
