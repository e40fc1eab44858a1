using Exchange.Web.Email;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Infrastructure;

/// <summary>Mail the app sent, as its embedded SMTP server received it over SMTP and MimeKit read it (Development without an SMTP host).</summary>
public static class MailboxSteps
{
    public static DevelopmentMailbox Mailbox(this ExchangeAppFactory app) => app.Services.GetRequiredService<DevelopmentMailbox>();

    /// <summary>The first mail to <paramref name="to"/> whose subject contains <paramref name="subject"/>, waited for (the email job sends every second or two).</summary>
    public static async Task<ReceivedMail> MailAsync(this ExchangeAppFactory app, string to, string subject, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (app.Mailbox().All.FirstOrDefault(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase) && m.Subject.Contains(subject, StringComparison.Ordinal)) is { } mail)
                return mail;
            Assert.True(DateTime.UtcNow < deadline, $"no mail \"{subject}\" reached {to}; the mailbox has: {string.Join("; ", app.Mailbox().All.Select(m => $"{m.Subject} to {string.Join(",", m.To)}"))}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The mail's one link to a page whose path contains <paramref name="page"/>.</summary>
    public static string LinkTo(this ReceivedMail mail, string page) => Assert.Single(mail.Links, l => l.Contains(page, StringComparison.Ordinal));
}
