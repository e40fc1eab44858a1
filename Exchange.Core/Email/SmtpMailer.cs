using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Exchange.Core.Email;

/// <summary>What the SMTP server said to one mail; <see cref="Permanent"/> when trying again cannot help.</summary>
public sealed record SmtpOutcome(bool Sent, bool Permanent, string Reply);

/// <summary>One connection to the configured SMTP server (MailKit), opened when the first mail goes and kept for the rest of a run.</summary>
public sealed class SmtpMailer(IOptions<EmailOptions> options) : IAsyncDisposable
{
    private readonly SmtpClient client = new() { Timeout = 30_000 };
    private string lastReply = "";

    public async Task<SmtpOutcome> SendAsync(OutboundEmail email, CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            message = Compose(email);
        }
        catch (ParseException e)
        {
            return new SmtpOutcome(false, true, $"Not a mail address: {e.Message}");
        }
        if (string.IsNullOrEmpty(options.Value.Smtp.Host))
            return new SmtpOutcome(false, false, "Email:Smtp:Host is not set.");
        try
        {
            await ConnectAsync(cancellationToken);
            lastReply = await client.SendAsync(message, cancellationToken);
            return new SmtpOutcome(true, false, lastReply);
        }
        catch (SmtpCommandException e)
        {
            // 5xx: the server refuses this mail (a bad address, a message it will not take); 4xx: not now.
            return new SmtpOutcome(false, (int)e.StatusCode >= 500, $"{(int)e.StatusCode} {e.Message}");
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or System.Net.Sockets.SocketException or AuthenticationException or SslHandshakeException or TimeoutException or ServiceNotConnectedException)
        {
            await ResetAsync();
            return new SmtpOutcome(false, false, e.Message);
        }
    }

    private MimeMessage Compose(OutboundEmail email)
    {
        var message = new MimeMessage { Subject = email.Subject, MessageId = email.MessageId };
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();
        return message;
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (client.IsConnected) return;
        var smtp = options.Value.Smtp;
        await client.ConnectAsync(smtp.Host!, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
    }

    private async Task ResetAsync()
    {
        try
        {
            if (client.IsConnected) await client.DisconnectAsync(false);
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or System.Net.Sockets.SocketException)
        {
            // The connection is gone already.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync();
        client.Dispose();
    }

    public static bool IsSecurity(string value) => Enum.TryParse<SecureSocketOptions>(value, ignoreCase: true, out _);
}
