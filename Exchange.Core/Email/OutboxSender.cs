using System.Diagnostics;
using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Email;

public sealed record EmailRun(int Sent, int Retrying, int Failed)
{
    public string Summary => Sent + Retrying + Failed == 0 ? "nothing to send" : $"{Sent} sent, {Retrying} to retry, {Failed} failed";
}

/// <summary>
/// The email job's work: claims due mails (a conditional update that sets this node's lease, so two
/// nodes never send one mail at once), sends them over SMTP outside any transaction, and records each
/// attempt. A refused mail (5xx) fails at once; any other failure is tried again after a growing
/// wait with jitter, until <see cref="EmailOptions.MaxAttempts"/>. A node that dies between the send
/// and the record leaves a claim that expires: the mail goes again (at least once; the Message-Id
/// stays the same).
/// </summary>
public sealed class OutboxSender(IDbContextFactory<ExchangeDbContext> contexts, IOptions<EmailOptions> options, TimeProvider time, ILogger<OutboxSender> logger)
{
    private const int BatchSize = 50;
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);
    private readonly string node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public async Task<EmailRun> RunAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Disabled) return new EmailRun(0, 0, 0);
        var run = new EmailRun(0, 0, 0);
        await using var mailer = new SmtpMailer(options);
        for (var claimed = await ClaimAsync(cancellationToken); claimed.Count > 0; claimed = await ClaimAsync(cancellationToken))
        {
            foreach (var email in claimed)
                run = await SendAsync(mailer, email, run, cancellationToken);
            if (claimed.Count < BatchSize) break;
        }
        return run;
    }

    private async Task<List<OutboundEmail>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var until = now + options.Value.ClaimLease;
        await using var db = contexts.CreateDbContext();
        var due = await Due(db, now).OrderBy(e => e.Id).Select(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
        var claimed = new List<long>();
        foreach (var id in due)
        {
            var won = await Due(db, now).Where(e => e.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.State, OutboundEmailState.Sending).SetProperty(e => e.ClaimedBy, node).SetProperty(e => e.ClaimedUntil, until)
                .SetProperty(e => e.Attempts, e => e.Attempts + 1), cancellationToken);
            if (won == 1) claimed.Add(id);
        }
        return await db.OutboundEmails.AsNoTracking().Where(e => claimed.Contains(e.Id) && e.ClaimedBy == node).OrderBy(e => e.Id).ToListAsync(cancellationToken);
    }

    private static IQueryable<OutboundEmail> Due(ExchangeDbContext db, DateTime now) =>
        db.OutboundEmails.Where(e => (e.State == OutboundEmailState.Pending && e.NextAttemptAt <= now)
                                     || (e.State == OutboundEmailState.Sending && e.ClaimedUntil < now));

    private async Task<EmailRun> SendAsync(SmtpMailer mailer, OutboundEmail email, EmailRun run, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.GetTimestamp();
        var outcome = await mailer.SendAsync(email, cancellationToken);
        var duration = Stopwatch.GetElapsedTime(clock);
        var now = Now;
        var giveUp = !outcome.Sent && (outcome.Permanent || email.Attempts >= options.Value.MaxAttempts);
        var state = outcome.Sent ? OutboundEmailState.Sent : giveUp ? OutboundEmailState.Failed : OutboundEmailState.Pending;
        var next = outcome.Sent || giveUp ? now : now + Wait(email.Attempts);
        // Recorded whatever the cancellation: the mail left, or the attempt counts.
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        db.EmailAttempts.Add(EmailAttempt.Of(email.Id, now, outcome.Sent, outcome.Reply, duration, node));
        await db.SaveChangesAsync(CancellationToken.None);
        await db.OutboundEmails.Where(e => e.Id == email.Id && e.ClaimedBy == node).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.State, state).SetProperty(e => e.NextAttemptAt, next).SetProperty(e => e.ClaimedUntil, (DateTime?)null)
            .SetProperty(e => e.SentAt, outcome.Sent ? now : null).SetProperty(e => e.LastError, outcome.Sent ? null : Limits.Fit(outcome.Reply, Limits.SmtpReply)),
            CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        if (!outcome.Sent)
            logger.LogWarning("Mail {EmailId} ({Kind}) was not sent, attempt {Attempt}: {Reply}{GivenUp}", email.Id, email.Kind, email.Attempts, outcome.Reply,
                giveUp ? "; given up, an operator may send it again" : "");
        return outcome.Sent ? run with { Sent = run.Sent + 1 } : giveUp ? run with { Failed = run.Failed + 1 } : run with { Retrying = run.Retrying + 1 };
    }

    private TimeSpan Wait(int attempts)
    {
        var wait = options.Value.RetryDelay * Math.Pow(2, Math.Max(0, attempts - 1));
        if (wait > LongestWait) wait = LongestWait;
        return wait * (0.8 + 0.4 * Random.Shared.NextDouble());
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
