using Exchange.Core.Accounts;
using Exchange.Core.Audit;
using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Email;

/// <summary>A failed or waiting mail as operators see it, with its attempts.</summary>
public sealed record OutboxEntry(OutboundEmail Email, IReadOnlyList<EmailAttempt> Attempts);

/// <summary>
/// The outbox every mail goes through. <see cref="Add"/> puts a mail in a caller's transaction (it is
/// sent only if that commits); <see cref="QueueAsync"/> stores one on its own. The email job sends them.
/// </summary>
public sealed class EmailOutbox(IDbContextFactory<ExchangeDbContext> contexts, IOptions<EmailOptions> options, TimeProvider time, OperatorStepUp stepUp, AuditLog audit)
{
    /// <summary>A tracked mail, saved with the caller's next SaveChanges.</summary>
    public static OutboundEmail Add(ExchangeDbContext db, EmailMessage message, DateTime at, long? noticeId = null, string domain = "exchange.local")
    {
        var email = OutboundEmail.Of(message, noticeId, at, domain);
        db.OutboundEmails.Add(email);
        return email;
    }

    public string Domain => MessageDomain(options.Value);

    public async Task QueueAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        Add(db, message, time.GetUtcNow().UtcDateTime, domain: Domain);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Mails given up, newest first, and those waiting to be tried again: what operators watch.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> TroubleAsync(int count = 50, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var emails = await db.OutboundEmails.AsNoTracking()
            .Where(e => e.State == OutboundEmailState.Failed || (e.State != OutboundEmailState.Sent && e.Attempts > 0))
            .OrderByDescending(e => e.Id).Take(count).ToListAsync(cancellationToken);
        var ids = emails.Select(e => e.Id).ToList();
        var attempts = (await db.EmailAttempts.AsNoTracking().Where(a => ids.Contains(a.EmailId)).OrderBy(a => a.Id).ToListAsync(cancellationToken)).ToLookup(a => a.EmailId);
        return [.. emails.Select(e => new OutboxEntry(e, [.. attempts[e.Id]]))];
    }

    /// <summary>How many mails wait to be sent, and how many failed for good.</summary>
    public async Task<(int Waiting, int Failed)> CountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var waiting = await db.OutboundEmails.CountAsync(e => e.State == OutboundEmailState.Pending || e.State == OutboundEmailState.Sending, cancellationToken);
        var failed = await db.OutboundEmails.CountAsync(e => e.State == OutboundEmailState.Failed, cancellationToken);
        return (waiting, failed);
    }

    /// <summary>An operator sends a failed mail again: a new round of attempts, audited.</summary>
    public async Task<OperatorResult> RetryAsync(long id, OperatorCredentials by, CancellationToken cancellationToken = default)
    {
        if (await stepUp.ProblemAsync(by, cancellationToken) is { } problem)
            return OperatorResult.StepUpRefused(problem);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var retried = await db.OutboundEmails.Where(e => e.Id == id && e.State == OutboundEmailState.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, OutboundEmailState.Pending).SetProperty(e => e.Attempts, 0)
                .SetProperty(e => e.NextAttemptAt, now).SetProperty(e => e.ClaimedBy, (string?)null).SetProperty(e => e.ClaimedUntil, (DateTime?)null), cancellationToken);
        if (retried == 0)
            return OperatorResult.Refused($"Mail {id} has not failed; nothing was changed.");
        var to = await db.OutboundEmails.Where(e => e.Id == id).Select(e => e.To).SingleAsync(cancellationToken);
        await audit.AddAsync(db, new OperatorAction(by.OperatorId, "Email retried", $"email {id} to {to}", "failed", "pending", null), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OperatorResult.Done($"Mail {id} to {to} will be sent again.");
    }

    internal static string MessageDomain(EmailOptions options) =>
        Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var url) && url.Host.Length > 0 ? url.Host : "exchange.local";
}
