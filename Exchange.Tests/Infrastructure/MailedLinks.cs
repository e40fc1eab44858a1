using System.Net;
using System.Text.RegularExpressions;
using Exchange.Core.Email;
using Exchange.Core.Notices;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Infrastructure;

/// <summary>The mails Core's notices job writes to the outbox, and the single-use links in them.</summary>
internal static partial class MailedLinks
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Fans the notices out as the notices job does, and returns every mail in the outbox to <paramref name="to"/>, oldest first.</summary>
    public static async Task<List<OutboundEmail>> MailsAfterDispatchAsync(this CoreDatabase core, string to)
    {
        await core.Get<NoticeDispatcher>().RunAsync(Token);
        await using var db = core.NewContext();
        return await db.OutboundEmails.AsNoTracking().Where(e => e.To == to).OrderBy(e => e.Id).ToListAsync(Token);
    }

    /// <summary>The one link of the mail's HTML part to a page whose path contains <paramref name="page"/>.</summary>
    public static string Link(this OutboundEmail mail, string page) =>
        Assert.Single(Hrefs().Matches(mail.HtmlBody).Select(m => WebUtility.HtmlDecode(m.Groups["href"].Value)), l => l.Contains(page, StringComparison.Ordinal));

    /// <summary>The token a mailed link carries.</summary>
    public static string TokenOf(string link) => Assert.Single(Tokens().Matches(link)).Groups["token"].Value;

    [GeneratedRegex("<a\\s[^>]*href=\"(?<href>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Hrefs();

    [GeneratedRegex("[?&]token=(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex Tokens();
}
