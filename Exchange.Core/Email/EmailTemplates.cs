using System.Net;
using System.Text;
using Exchange.Core.Notices;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Email;

/// <summary>
/// The exchange's mails: short, plain text and HTML of the same words, the exchange's name in the
/// subject, every link absolute. Every value is HTML-encoded in the HTML part, so nothing a user typed
/// (a key's name, an address) can add markup. A new mail is a method here built from <see cref="Compose"/>.
/// </summary>
public sealed class EmailTemplates(IOptions<EmailOptions> options)
{
    private EmailOptions Options => options.Value;

    /// <summary>A mail with one link to follow (confirm an account, a new address, reset a password).</summary>
    public EmailMessage Link(string to, string kind, string subject, string why, string action, string absoluteLink, string ignore) =>
        Compose(to, kind, subject, [why, ignore], (action, absoluteLink));

    /// <summary>The mail for a notice: its title as the subject, its text, a link to where it shows, and any links of its own (<see cref="INoticeMailLinks"/>) first.</summary>
    public EmailMessage Notice(string to, string kind, NoticeText text, IReadOnlyList<NoticeMailLink>? links = null) =>
        Compose(to, kind, text.Title, [text.Body, .. (links ?? []).Select(l => l.Why).OfType<string>()],
            [.. (links ?? []).Select(l => ((string, string)?)(l.Label, l.Url)), text.Link is null ? null : ("Open the exchange", Options.PublicLink(text.Link))]);

    /// <summary>To the owner of an address someone tried to register again.</summary>
    public EmailMessage RegistrationAttempt(string to, string loginLink, string resetLink) =>
        Compose(to, "account.register_attempt", "Someone tried to register with your address",
            ["Someone tried to create an account with this email address, which already has one. No account was created and nothing changed.",
             "If it was you, sign in instead; if you forgot your password, reset it."],
            ("Sign in", loginLink), ("Reset your password", resetLink));

    public EmailMessage Compose(string to, string kind, string subject, IReadOnlyList<string> paragraphs, params (string Label, string Url)?[] links)
    {
        var name = Options.ExchangeName;
        var text = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5\">");
        html.Append("<p><strong>").Append(Encode(name)).Append("</strong></p>");
        foreach (var paragraph in paragraphs)
        {
            text.AppendLine(paragraph).AppendLine();
            html.Append("<p>").Append(Encode(paragraph)).Append("</p>");
        }
        foreach (var link in links.OfType<(string Label, string Url)>())
        {
            text.Append(link.Label).Append(": ").AppendLine(link.Url).AppendLine();
            html.Append("<p><a href=\"").Append(Encode(link.Url)).Append("\">").Append(Encode(link.Label)).Append("</a></p>");
        }
        text.Append("— ").AppendLine(name);
        html.Append("<p style=\"color:#666\">— ").Append(Encode(name)).Append("</p></body></html>");
        return new EmailMessage(to, $"{subject} — {name}", text.ToString(), html.ToString(), kind);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
