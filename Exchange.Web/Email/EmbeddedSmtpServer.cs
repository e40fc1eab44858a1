using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Exchange.Web.Email;

/// <summary>
/// Development without <c>Email:Smtp:Host</c>: a small real SMTP server on loopback that keeps what
/// it receives in the <see cref="DevelopmentMailbox"/>, so mails travel over SMTP through MailKit as in
/// production. It refuses recipients in the reserved <c>.invalid</c> domain, as a server refuses a bad address.
/// </summary>
public sealed class EmbeddedSmtpServer(DevelopmentMailbox mailbox, ILogger<EmbeddedSmtpServer> logger) : BackgroundService
{
    /// <summary>A free loopback port, chosen when the app is built so the settings can name it.</summary>
    public int Port { get; } = FreePort();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(mailbox));
        services.Add(new RefuseInvalid());
        logger.LogInformation("Embedded SMTP server on 127.0.0.1:{Port}; received mail is at /dev/mailbox", Port);
        try
        {
            await new SmtpServer.SmtpServer(options, services).StartAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(DevelopmentMailbox mailbox) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            mailbox.Add(message, transaction.To.Select(m => $"{m.User}@{m.Host}"));
            return SmtpResponse.Ok;
        }
    }

    private sealed class RefuseInvalid : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!to.Host.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase) && !to.Host.Equals("invalid", StringComparison.OrdinalIgnoreCase));
    }
}
