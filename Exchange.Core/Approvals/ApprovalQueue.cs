using Exchange.Core.Accounts;
using Exchange.Core.Audit;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Core.HotWallet;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Approvals;

/// <summary>A request waiting for a second operator, as the approvals page and the API show it.</summary>
public sealed record PendingRequest(long Id, OperatorRequestKind Kind, string Summary, string RequestedBy, string RequesterEmail, DateTime RequestedAt, string Reason,
    string? UserId, string? Coin, long Amount, string? Address);

/// <summary>
/// Four eyes: what one operator asked for waits here until a second operator approves or rejects it.
/// The requester can do neither; every decision needs the deciding operator's two-factor code and reason.
/// </summary>
public sealed class ApprovalQueue(IDbContextFactory<ExchangeDbContext> contexts, OperatorStepUp stepUp, AuditLog audit, IExchangeEvents events, TimeProvider time,
    UserAdministration administration, HotWalletService hotWallet, ColdStorageAllowList allowList)
{
    public const string OwnRequest = "You asked for this yourself; a second operator must approve or reject it.";

    /// <summary>Oldest first.</summary>
    public async Task<IReadOnlyList<PendingRequest>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await (from r in db.OperatorRequests.AsNoTracking()
                      where r.State == OperatorRequestState.Pending
                      join u in db.Users on r.RequestedBy equals u.Id into requesters
                      from u in requesters.DefaultIfEmpty()
                      orderby r.Id
                      select new PendingRequest(r.Id, r.Kind, r.Summary, r.RequestedBy, u == null ? r.RequestedBy : u.Email!, r.RequestedAt, r.Reason, r.UserId, r.Coin, r.Amount, r.Address))
            .ToListAsync(cancellationToken);
    }

    public async Task<OperatorResult> ApproveAsync(long id, string operatorId, string? twoFactorCode, string? reason, CancellationToken cancellationToken = default)
    {
        var (request, problem) = await DecidableAsync(id, operatorId, twoFactorCode, reason, "Approving", cancellationToken);
        if (request is null)
            return OperatorResult.Refused(problem!);
        return request.Kind switch
        {
            OperatorRequestKind.ManualAdjustment => await administration.ApplyApprovedAsync(request, operatorId, reason!.Trim(), cancellationToken),
            OperatorRequestKind.ColdStorageSend => await hotWallet.SendApprovedAsync(request, operatorId, reason!.Trim(), cancellationToken),
            _ => await allowList.ApplyApprovedAsync(request, operatorId, reason!.Trim(), cancellationToken),
        };
    }

    public async Task<OperatorResult> RejectAsync(long id, string operatorId, string? twoFactorCode, string? reason, CancellationToken cancellationToken = default)
    {
        var (request, problem) = await DecidableAsync(id, operatorId, twoFactorCode, reason, "Rejecting", cancellationToken);
        if (request is null)
            return OperatorResult.Refused(problem!);
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await OperatorRequests.DecideAsync(db, id, OperatorRequestState.Rejected, operatorId, reason!.Trim(), time.GetUtcNow().UtcDateTime, cancellationToken: cancellationToken))
            return OperatorResult.Refused(OperatorRequests.AlreadyDecided);
        await audit.AddAsync(db, new OperatorAction(operatorId, $"{Name(request.Kind)} rejected", Subject(request), $"pending: {request.Summary}", "rejected", reason.Trim()), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Publish(new ApprovalsChanged(id));
        return OperatorResult.Done($"Rejected: {request.Summary}.");
    }

    private async Task<(OperatorRequest? Request, string? Problem)> DecidableAsync(long id, string operatorId, string? twoFactorCode, string? reason, string verb,
        CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var request = await db.OperatorRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
            return (null, $"There is no request {id}.");
        if (request.State != OperatorRequestState.Pending)
            return (null, $"Request {id} is {request.State.ToString().ToLowerInvariant()} already; nothing was changed.");
        if (request.RequestedBy == operatorId)
        {
            await audit.RecordAsync(new OperatorAction(operatorId, $"{Name(request.Kind)} decision refused", Subject(request), $"pending: {request.Summary}", $"refused: {OwnRequest}", reason?.Trim()), cancellationToken);
            return (null, OwnRequest);
        }
        if (await stepUp.ProblemAsync(operatorId, twoFactorCode, cancellationToken) is { } refusal)
            return (null, refusal);
        if (string.IsNullOrWhiteSpace(reason))
            return (null, $"{verb} a request needs a reason for the audit log.");
        if (Limits.ReasonProblem(reason) is { } tooLong)
            return (null, tooLong);
        return (request, null);
    }

    private static string Name(OperatorRequestKind kind) => kind switch
    {
        OperatorRequestKind.ManualAdjustment => "Manual adjustment",
        OperatorRequestKind.ColdStorageSend => "Cold-storage send",
        _ => "Cold-storage address",
    };

    // The summary names an email and a label, longer together than a subject may be; it goes into Before.
    private static string Subject(OperatorRequest request) => request.Kind == OperatorRequestKind.AllowListAddress
        ? $"cold-storage address {request.Address}"
        : $"request {request.Id}";
}
