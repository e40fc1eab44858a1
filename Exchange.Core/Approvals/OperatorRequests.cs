using Exchange.Core.Accounts;
using Exchange.Core.Audit;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Core.Notices;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Approvals;

/// <summary>
/// Where operator requests are stored and decided: a repeated idempotency key answers as the first
/// time, and a decision is a conditional update from Pending, so two approvals apply once.
/// </summary>
public sealed class OperatorRequests(IDbContextFactory<ExchangeDbContext> contexts, AuditLog audit, IExchangeEvents events)
{
    public const int MaxKeyLength = 100;

    /// <summary>Null when the key fits its column (or there is none).</summary>
    public static string? KeyProblem(string? key) =>
        key?.Length > MaxKeyLength ? $"An idempotency key has at most {MaxKeyLength} characters." : null;

    public const string AlreadyDecided = "Another operator decided this request first; nothing was changed.";

    /// <summary>The answer the requester got the first time they sent <paramref name="key"/>; null when it is new.</summary>
    public async Task<OperatorResult?> FirstAnswerAsync(string requestedBy, string? key, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(key)) return null;
        await using var db = contexts.CreateDbContext();
        var first = await db.OperatorRequests.AsNoTracking().SingleOrDefaultAsync(r => r.RequestedBy == requestedBy && r.IdempotencyKey == key, cancellationToken);
        return first is null ? null : Answer(first);
    }

    /// <summary>What the requester of a waiting request is told (and told again for the same key).</summary>
    public static string WaitingFor(string summary, string? because = null) =>
        Limits.Fit($"Waiting for a second operator to approve: {summary}." + (because is null ? "" : $" {because}"), OperatorRequest.MaxOutcomeLength);

    public static OperatorResult Answer(OperatorRequest request) =>
        new(true, request.Outcome, request.State == OperatorRequestState.Applied ? null : request.Id);

    /// <summary>Stores a request for a second operator, audited as asked; the same key twice is one request.</summary>
    public async Task<OperatorResult> AddPendingAsync(OperatorRequest request, OperatorAction asked, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.OperatorRequests.Add(request.Waiting(WaitingFor(request.Summary)));
        NoticeLog.Add(db, NoticeTypes.ApprovalRequested, null, new NoticeData().With("summary", request.Summary).With("kind", request.Kind.ToString()), request.RequestedAt);
        await audit.AddAsync(db, asked, cancellationToken);
        if (!await TrySaveAsync(db, cancellationToken))
            return await FirstAnswerAsync(request.RequestedBy, request.IdempotencyKey, cancellationToken) ?? throw new InvalidOperationException("The request was not stored.");
        await transaction.CommitAsync(cancellationToken);
        events.Publish(new ApprovalsChanged(request.Id));
        return Answer(request);
    }

    /// <summary>False when another request of the same operator with the same key won the race to the unique index.</summary>
    public static async Task<bool> TrySaveAsync(ExchangeDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    /// <summary>Moves the request from Pending in <paramref name="db"/>'s transaction; false when it was no longer pending.</summary>
    public static async Task<bool> DecideAsync(ExchangeDbContext db, long id, OperatorRequestState decision, string decidedBy, string reason, DateTime at,
        long? transferId = null, CancellationToken cancellationToken = default)
    {
        var decided = await db.OperatorRequests.Where(r => r.Id == id && r.State == OperatorRequestState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, decision).SetProperty(r => r.DecidedBy, decidedBy).SetProperty(r => r.DecidedAt, at)
                .SetProperty(r => r.DecisionReason, reason).SetProperty(r => r.TransferId, transferId), cancellationToken) == 1;
        if (decided)
        {
            NoticeLog.Add(db, NoticeTypes.ApprovalDecided, null, new NoticeData().With("request", id).With("decision", decision.ToString().ToLowerInvariant()), at);
            await db.SaveChangesAsync(cancellationToken);
        }
        return decided;
    }
}
