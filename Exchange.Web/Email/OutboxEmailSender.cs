using System.Net;
using System.Text.RegularExpressions;
using Exchange.Core.Accounts;
using Exchange.Core.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;

namespace Exchange.Web.Email;

/// <summary>Identity's senders, through the outbox like every other mail, so none is sent from a request and none is lost.</summary>
public sealed partial class OutboxEmailSender(EmailOutbox outbox, EmailTemplates templates) : IEmailSender, IEmailSender<ExchangeUser>
{
    public Task SendEmailAsync(string email, string subject, string htmlMessage) =>
        outbox.QueueAsync(new EmailMessage(email, subject, TextOf(htmlMessage), htmlMessage, "identity"));

    public Task SendConfirmationLinkAsync(ExchangeUser user, string email, string confirmationLink) =>
        outbox.QueueAsync(templates.Link(email, "account.confirm", "Confirm your email", "Confirm this address to finish creating your account.",
            "Confirm your account", confirmationLink, "If you did not ask for this, ignore this mail."));

    public Task SendPasswordResetLinkAsync(ExchangeUser user, string email, string resetLink) =>
        outbox.QueueAsync(templates.Link(email, "account.password_reset", "Reset your password", "Someone asked to reset the password of your account.",
            "Choose a new password", resetLink, "If you did not ask for this, ignore this mail."));

    public Task SendPasswordResetCodeAsync(ExchangeUser user, string email, string resetCode) =>
        outbox.QueueAsync(templates.Compose(email, "account.password_reset", "Your password reset code", [$"Your code to reset your password: {resetCode}", "If you did not ask for this, ignore this mail."]));

    // The plain-text part of an HTML-only message: each link's text followed by its address, tags dropped.
    internal static string TextOf(string html) =>
        WebUtility.HtmlDecode(Tags().Replace(Anchors().Replace(html, m => $"{m.Groups["text"].Value} ({m.Groups["href"].Value})"), ""));

    [GeneratedRegex("<a\\s[^>]*href=['\"](?<href>[^'\"]*)['\"][^>]*>(?<text>.*?)</a>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Anchors();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
