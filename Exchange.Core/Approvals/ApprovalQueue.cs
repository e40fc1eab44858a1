using Exchange.Core.Accounts;
using Exchange.Core.Audit;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Core.HotWallet;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Approvals;

/// <summary>
/// A request waiting for a second operator, as the approvals page and the API show it; a change of a
/// coin's settings lists each setting it changes, before and after.
/// </summary>
public sealed record PendingRequest(long Id, OperatorRequestKind Kind, string Summary, string RequestedBy, string RequesterEmail, DateTime RequestedAt, string Reason,
    string? UserId, string? Coin, long Amount, string? Address, IReadOnlyList<CoinRuleChange> Changes);

/// <summary>
/// Four eyes: what one operator asked for waits here until a second operator approves or rejects it.
/// Nobody decides a request that is theirs (the requester) or for them (the user an adjustment
/// credits or debits); every decision needs the deciding operator's two-factor code and reason.
/// </summary>
public sealed class ApprovalQueue(IDbContextFactory<ExchangeDbContext> contexts, OperatorStepUp stepUp, AuditLog audit, IExchangeEvents events, TimeProvider time,
    CoinCatalogue catalogue, UserAdministration administration, HotWalletService hotWallet, ColdStorageAllowList allowList, CoinSettings coinSettings)
{
    public const string OwnRequest = "You asked for this yourself; a second operator must approve or reject it.";
    public const string OwnBalance = "This adjustment changes your own balance; another operator must approve or reject it.";

    /// <summary>Oldest first.</summary>
    public async Task<IReadOnlyList<PendingRequest>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var pending = await (from r in db.OperatorRequests.AsNoTracking()
                             where r.State == OperatorRequestState.Pending
                             join u in db.Users on r.RequestedBy equals u.Id into requesters
                             from u in requesters.DefaultIfEmpty()
                             orderby r.Id
                             select new { Request = r, RequesterEmail = u == null ? r.RequestedBy : u.Email! })
            .ToListAsync(cancellationToken);
        var coins = await catalogue.CurrentAsync(cancellationToken);
        return pending.Select(p => View(p.Request, p.RequesterEmail, coins)).ToList();
    }

    private static PendingRequest View(OperatorRequest r, string requesterEmail, CoinList coins) =>
        new(r.Id, r.Kind, r.Summary, r.RequestedBy, requesterEmail, r.RequestedAt, r.Reason, r.UserId, r.Coin, r.Amount, r.Address,
            r is { RulesBefore: { } before, RulesAfter: { } after } && coins.Find(r.Coin) is { } coin ? after.ChangesFrom(before, coin) : []);

    public async Task<OperatorResult> ApproveAsync(long id, string operatorId, string? twoFactorCode, string? reason, CancellationToken cancellationToken = default)
    {
        var (request, problem) = await DecidableAsync(id, operatorId, twoFactorCode, reason, "Approving", cancellationToken);
        if (request is null)
            return OperatorResult.Refused(problem!);
        return request.Kind switch
        {
            OperatorRequestKind.ManualAdjustment => await administration.ApplyApprovedAsync(request, operatorId, reason!.Trim(), cancellationToken),
            OperatorRequestKind.ColdStorageSend => await hotWallet.SendApprovedAsync(request, operatorId, reason!.Trim(), cancellationToken),
            OperatorRequestKind.CoinSettings => await coinSettings.ApplyApprovedAsync(request, operatorId, reason!.Trim(), cancellationToken),
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
        if (OwnProblem(request, operatorId) is { } own)
        {
            await audit.RecordAsync(new OperatorAction(operatorId, $"{Name(request.Kind)} decision refused", Subject(request), $"pending: {request.Summary}", $"refused: {own}", reason?.Trim()), cancellationToken);
            return (null, own);
        }
        if (await stepUp.ProblemAsync(operatorId, twoFactorCode, cancellationToken) is { } refusal)
            return (null, refusal);
        if (string.IsNullOrWhiteSpace(reason))
            return (null, $"{verb} a request needs a reason for the audit log.");
        if (Limits.ReasonProblem(reason) is { } tooLong)
            return (null, tooLong);
        return (request, null);
    }

    private static string? OwnProblem(OperatorRequest request, string operatorId) =>
        request.RequestedBy == operatorId ? OwnRequest
        : request.Kind == OperatorRequestKind.ManualAdjustment && request.UserId == operatorId ? OwnBalance
        : null;

    private static string Name(OperatorRequestKind kind) => kind switch
    {
        OperatorRequestKind.ManualAdjustment => "Manual adjustment",
        OperatorRequestKind.ColdStorageSend => "Cold-storage send",
        OperatorRequestKind.CoinSettings => "Coin settings change",
        _ => "Cold-storage address",
    };

    // The summary names an email and a label, longer together than a subject may be; it goes into Before.
    private static string Subject(OperatorRequest request) => request.Kind switch
    {
        OperatorRequestKind.AllowListAddress => $"cold-storage address {request.Address}",
        OperatorRequestKind.CoinSettings => $"coin {request.Coin}",
        _ => $"request {request.Id}",
    };
}
