using Exchange.Web.Email;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// Mail as the app's embedded SMTP server received it (over SMTP from MailKit, read back by MimeKit:
/// Development without an SMTP host), and the links in it as a browser follows them.
/// </summary>
public static class SmtpMail
{
    /// <summary>The newest mail to <paramref name="to"/> whose subject starts with <paramref name="subject"/>, waited for (the notices and email jobs run every moment).</summary>
    public static async Task<ReceivedMail> ReceivedAsync(this ExchangeAppFactory app, string to, string subject)
    {
        var mailbox = app.Services.GetRequiredService<DevelopmentMailbox>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (mailbox.All.LastOrDefault(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase) && m.Subject.StartsWith(subject, StringComparison.Ordinal)) is { } mail)
                return mail;
            Assert.True(DateTime.UtcNow < deadline, $"no mail \"{subject}\" reached {to}; received: {string.Join("; ", mailbox.All.Select(m => $"{m.Subject} to {string.Join(",", m.To)}"))}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// The path and query of the mail's one link to <paramref name="page"/>, to open on the app under
    /// test (a notice's links start with <c>PublicUrl</c>, which names no port in tests).
    /// </summary>
    public static string PathTo(this ReceivedMail mail, string page) =>
        new Uri(Assert.Single(mail.Links, l => l.Contains(page, StringComparison.Ordinal))).PathAndQuery;
}
