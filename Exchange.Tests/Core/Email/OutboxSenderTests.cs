using System.Net.Sockets;
using Exchange.Core.Email;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Exchange.Tests.Core.Email;

/// <summary>
/// The outbox against a real SMTP server on loopback (the one Development embeds): mail goes over
/// SMTP through MailKit and is read back with MimeKit.
/// </summary>
[Integration]
public class OutboxSenderTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly DevelopmentMailbox mailbox = new(TimeProvider.System);
    private EmbeddedSmtpServer smtp = null!;
    private TestStore store = null!;
    private readonly List<CoreDatabase> nodes = [];

    public async ValueTask InitializeAsync()
    {
        smtp = new EmbeddedSmtpServer(mailbox, NullLogger<EmbeddedSmtpServer>.Instance);
        store = await TestStore.CreateAsync(Engine);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes) await node.DisposeAsync();
        await smtp.StopAsync(CancellationToken.None);
        smtp.Dispose();
        await store.DisposeAsync();
    }

    private async Task StartSmtpAsync()
    {
        await smtp.StartAsync(Token);
        for (var tries = 0; ; tries++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", smtp.Port, Token);
                return;
            }
            catch (SocketException) when (tries < 100)
            {
                await Task.Delay(50, Token);
            }
        }
    }

    private async Task<CoreDatabase> NodeAsync()
    {
        var node = await CoreDatabase.CreateAsync(s => s.Configure<EmailOptions>(o =>
        {
            o.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Security = "None" };
            o.RetryDelay = TimeSpan.FromSeconds(10);
            o.ClaimLease = TimeSpan.FromMinutes(1);
        }), store: store);
        nodes.Add(node);
        return node;
    }

    private static EmailMessage Mail(string to, string subject) => new(to, subject, $"{subject}.", $"<p>{subject}.</p>", "test");

    private static async Task<OutboundEmail> RowAsync(CoreDatabase node, string subject)
    {
        await using var db = node.NewContext();
        return await db.OutboundEmails.AsNoTracking().SingleAsync(e => e.Subject == subject, Token);
    }

    [Fact]
    public async Task A_mail_committed_before_the_process_ended_is_sent_once_after_the_restart()
    {
        await StartSmtpAsync();
        var before = await NodeAsync();
        await before.Get<EmailOutbox>().QueueAsync(Mail("ann@example.com", "Committed before the crash"), Token);
        nodes.Remove(before);
        await before.DisposeAsync();

        var after = await NodeAsync();
        await after.Get<OutboxSender>().RunAsync(Token);
        await after.Get<OutboxSender>().RunAsync(Token);

        var received = Assert.Single(mailbox.All);
        Assert.Equal(("Committed before the crash", "Committed before the crash."), (received.Subject, received.Text.Trim()));
        Assert.Equal(["ann@example.com"], received.To);
        Assert.Equal(OutboundEmailState.Sent, (await RowAsync(after, "Committed before the crash")).State);
    }

    [Fact]
    public async Task A_mail_claimed_by_a_node_that_died_is_sent_by_another_once_the_claim_runs_out()
    {
        await StartSmtpAsync();
        var node = await NodeAsync();
        await node.Get<EmailOutbox>().QueueAsync(Mail("ann@example.com", "Claimed by a dead node"), Token);
        var now = node.Time.GetUtcNow().UtcDateTime;
        await using (var db = node.NewContext())
            await db.OutboundEmails.ExecuteUpdateAsync(s => s.SetProperty(e => e.State, OutboundEmailState.Sending)
                .SetProperty(e => e.ClaimedBy, "dead-node").SetProperty(e => e.ClaimedUntil, now.AddMinutes(1)).SetProperty(e => e.Attempts, 1), Token);

        await node.Get<OutboxSender>().RunAsync(Token);
        Assert.Empty(mailbox.All);
        node.Time.Advance(TimeSpan.FromMinutes(2));
        await node.Get<OutboxSender>().RunAsync(Token);

        Assert.Single(mailbox.All);
        Assert.Equal(OutboundEmailState.Sent, (await RowAsync(node, "Claimed by a dead node")).State);
    }

    [Fact]
    public async Task While_the_SMTP_server_is_down_a_mail_waits_with_its_attempt_logged_and_goes_once_the_server_is_back()
    {
        var node = await NodeAsync();
        await node.Get<EmailOutbox>().QueueAsync(Mail("ann@example.com", "Sent after an outage"), Token);

        var down = await node.Get<OutboxSender>().RunAsync(Token);
        var waiting = await RowAsync(node, "Sent after an outage");
        Assert.Equal((0, 1), (down.Sent, down.Retrying));
        Assert.Equal((OutboundEmailState.Pending, 1), (waiting.State, waiting.Attempts));
        Assert.NotNull(waiting.LastError);
        await using (var db = node.NewContext())
            Assert.False(Assert.Single(await db.EmailAttempts.ToListAsync(Token)).Succeeded);

        await StartSmtpAsync();
        await node.Get<OutboxSender>().RunAsync(Token);
        Assert.Empty(mailbox.All); // not before its next attempt is due
        node.Time.Advance(TimeSpan.FromSeconds(13));
        await node.Get<OutboxSender>().RunAsync(Token);

        Assert.Single(mailbox.All);
        Assert.Equal((OutboundEmailState.Sent, 2), ((await RowAsync(node, "Sent after an outage")).State, (await RowAsync(node, "Sent after an outage")).Attempts));
    }

    [Fact]
    public async Task A_mail_the_server_refuses_fails_at_once_waits_for_operators_and_an_operator_can_send_it_again()
    {
        await StartSmtpAsync();
        var node = await NodeAsync();
        var ops = await node.OperatorWithTwoFactorAsync("ops");
        await node.Get<EmailOutbox>().QueueAsync(Mail("nobody@example.invalid", "Refused by the server"), Token);

        await node.Get<OutboxSender>().RunAsync(Token);
        node.Time.Advance(TimeSpan.FromHours(2));
        await node.Get<OutboxSender>().RunAsync(Token);

        var failed = await RowAsync(node, "Refused by the server");
        Assert.Equal((OutboundEmailState.Failed, 1), (failed.State, failed.Attempts));
        Assert.StartsWith("550", failed.LastError, StringComparison.Ordinal);
        var shown = Assert.Single(await node.Get<EmailOutbox>().TroubleAsync(cancellationToken: Token));
        Assert.Single(shown.Attempts);
        Assert.False((await node.Get<EmailOutbox>().RetryAsync(failed.Id, new(ops.Id, null), Token)).Succeeded);
        Assert.True((await node.Get<EmailOutbox>().RetryAsync(failed.Id, ops.WithCode(), Token)).Succeeded);
        Assert.Equal(OutboundEmailState.Pending, (await RowAsync(node, "Refused by the server")).State);
        Assert.Contains(await node.AuditAsync(), e => e.Action == "Email retried");
        Assert.Empty(mailbox.All);
    }

    [Fact]
    public async Task Two_nodes_sending_at_once_send_each_mail_once()
    {
        await StartSmtpAsync();
        var first = await NodeAsync();
        var second = await NodeAsync();
        for (var i = 0; i < 30; i++)
            await first.Get<EmailOutbox>().QueueAsync(Mail($"user{i}@example.com", $"Mail {i}"), Token);

        await Task.WhenAll(first.Get<OutboxSender>().RunAsync(Token), second.Get<OutboxSender>().RunAsync(Token));

        Assert.Equal(30, mailbox.All.Count);
        Assert.Equal(30, mailbox.All.Select(m => m.MessageId).Distinct().Count());
        await using var db = first.NewContext();
        Assert.Equal(30, await db.OutboundEmails.CountAsync(e => e.State == OutboundEmailState.Sent, Token));
    }
}

public sealed class OutboxSenderOnPostgreSqlTests : OutboxSenderTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
