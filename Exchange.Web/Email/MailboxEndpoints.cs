using System.Net;
using System.Text;

namespace Exchange.Web.Email;

/// <summary>
/// <c>/dev/mailbox</c>, Development only (not mapped elsewhere, so a 404): what the embedded SMTP server
/// received, newest first, each mail's text and links, and its HTML part at <c>/dev/mailbox/{id}</c>.
/// </summary>
public static class MailboxEndpoints
{
    public const string Path = "/dev/mailbox";

    public static void MapDevelopmentMailbox(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() || app.Services.GetService<DevelopmentMailbox>() is null) return;
        app.MapGet(Path, (DevelopmentMailbox mailbox) => Results.Content(ListPage(mailbox.All), "text/html; charset=utf-8"));
        app.MapGet(Path + "/{id:int}", (int id, DevelopmentMailbox mailbox, HttpContext context) =>
        {
            if (mailbox.Find(id) is not { } mail) return Results.NotFound();
            // The mail's own markup, kept from running anything or loading anything.
            context.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'";
            return Results.Content(mail.Html, "text/html; charset=utf-8");
        });
    }

    private static string ListPage(IReadOnlyList<ReceivedMail> mails)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>Mailbox · Development</title></head><body style=\"font-family:sans-serif;max-width:50rem;margin:1rem auto;padding:0 1rem\">")
            .Append("<h1>Mailbox</h1><p>Mail the embedded SMTP server received (Development only). Reload to see new mail.</p>");
        if (mails.Count == 0) html.Append("<p id=\"mailbox-empty\">No mail yet.</p>");
        foreach (var mail in mails.Reverse())
        {
            html.Append($"<article data-mail=\"{mail.Id}\" style=\"border-top:1px solid #ccc;padding:.5rem 0\">")
                .Append($"<h2 style=\"font-size:1.1rem\">{E(mail.Subject)}</h2>")
                .Append($"<p>To <span data-field=\"to\">{E(string.Join(", ", mail.To))}</span> · {mail.ReceivedAt:yyyy-MM-dd HH:mm:ss} UTC · <a href=\"{Path}/{mail.Id}\">HTML</a></p>")
                .Append("<ul>");
            foreach (var link in mail.Links) html.Append($"<li><a data-field=\"link\" href=\"{E(link)}\">{E(link)}</a></li>");
            html.Append($"</ul><pre style=\"white-space:pre-wrap\">{E(mail.Text)}</pre></article>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
