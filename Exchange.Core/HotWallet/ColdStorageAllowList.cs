using Exchange.Core.Accounts;
using Exchange.Core.Approvals;
using Exchange.Core.Audit;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Hub.Iota;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.HotWallet;

/// <summary>An address an operator asks to add to the cold-storage allow-list, with the operator's two-factor code.</summary>
public sealed record AllowListAddition(string OperatorId, string? Address, string? Label, string? Reason, string? TwoFactorCode, string? IdempotencyKey = null);

/// <summary>
/// The only places sends from the hot wallet may go. Adding one widens where money can go, so it
/// waits for a second operator; removing one narrows it and is done at once (audited).
/// </summary>
public sealed class ColdStorageAllowList(IDbContextFactory<ExchangeDbContext> contexts, OperatorStepUp stepUp, OperatorRequests requests, AuditLog audit,
    IExchangeEvents events, TimeProvider time)
{
    public const int MaxLabelLength = 100;

    public async Task<IReadOnlyList<ColdStorageAddress>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.ColdStorageAddresses.AsNoTracking().OrderBy(a => a.Label).ThenBy(a => a.Id).ToListAsync(cancellationToken);
    }

    public async Task<OperatorResult> RequestAddAsync(AllowListAddition addition, CancellationToken cancellationToken = default)
    {
        if (OperatorRequests.KeyProblem(addition.IdempotencyKey) is { } badKey)
            return OperatorResult.Refused(badKey);
        if (await requests.FirstAnswerAsync(addition.OperatorId, addition.IdempotencyKey, cancellationToken) is { } first)
            return first;
        if (await stepUp.ProblemAsync(addition.OperatorId, addition.TwoFactorCode, cancellationToken) is { } refusal)
            return OperatorResult.Refused(refusal);
        await using var db = contexts.CreateDbContext();
        if (await ProblemAsync(db, addition, cancellationToken) is { } problem)
            return OperatorResult.Refused(problem);
        var address = AddressRules.Check(addition.Address, requireChecksum: true).Address90!;
        var label = addition.Label!.Trim();
        var request = OperatorRequest.AllowListAddress(addition.OperatorId, addition.IdempotencyKey, address, label, addition.Reason!.Trim(),
            $"add {label} ({address}) to the cold-storage allow-list", time.GetUtcNow().UtcDateTime);
        return await requests.AddPendingAsync(request,
            new OperatorAction(addition.OperatorId, "Cold-storage address requested", $"cold-storage address {address}", After: $"pending: {label}", Reason: request.Reason), cancellationToken);
    }

    /// <summary>A second operator's approval: decided once, and the address listed in the same transaction.</summary>
    internal async Task<OperatorResult> ApplyApprovedAsync(OperatorRequest request, string approverId, string reason, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (!await OperatorRequests.DecideAsync(db, request.Id, OperatorRequestState.Approved, approverId, reason, now, cancellationToken: cancellationToken))
            return OperatorResult.Refused(OperatorRequests.AlreadyDecided);
        if (await db.ColdStorageAddresses.AnyAsync(a => a.Address == request.Address, cancellationToken))
            return OperatorResult.Refused("This address is on the allow-list already; reject the request instead.");
        db.ColdStorageAddresses.Add(ColdStorageAddress.Approved(request, approverId, now));
        await audit.AddAsync(db, new OperatorAction(approverId, "Cold-storage address approved", $"cold-storage address {request.Address}", "pending", $"listed: {request.Label}", reason), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Publish(new ApprovalsChanged(request.Id));
        return OperatorResult.Done($"{request.Label} is on the cold-storage allow-list.");
    }

    public async Task<OperatorResult> RemoveAsync(string operatorId, long addressId, string? twoFactorCode, CancellationToken cancellationToken = default)
    {
        if (await stepUp.ProblemAsync(operatorId, twoFactorCode, cancellationToken) is { } refusal)
            return OperatorResult.Refused(refusal);
        await using var db = contexts.CreateDbContext();
        var listed = await db.ColdStorageAddresses.SingleOrDefaultAsync(a => a.Id == addressId, cancellationToken);
        if (listed is null)
            return OperatorResult.Refused("This address is not on the allow-list.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ColdStorageAddresses.Remove(listed);
        await audit.AddAsync(db, new OperatorAction(operatorId, "Cold-storage address removed", $"cold-storage address {listed.Address}", $"listed: {listed.Label}", "removed"), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Publish(new ApprovalsChanged(0));
        return OperatorResult.Done($"{listed.Label} was removed from the allow-list.");
    }

    private static async Task<string?> ProblemAsync(ExchangeDbContext db, AllowListAddition addition, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(addition.Reason))
            return "Adding a cold-storage address needs a reason for the audit log.";
        if (Limits.ReasonProblem(addition.Reason) is { } tooLong)
            return tooLong;
        if (string.IsNullOrWhiteSpace(addition.Label))
            return "Give the address a label, e.g. the wallet it belongs to.";
        if (addition.Label.Trim().Length > MaxLabelLength)
            return $"A label has at most {MaxLabelLength} characters.";
        var address = AddressRules.Check(addition.Address, requireChecksum: true);
        if (!address.IsValid)
            return address.Message;
        if (await db.DepositAddresses.AnyAsync(a => a.Address == address.Address90, cancellationToken))
            return "This is one of the exchange's own deposit addresses, not cold storage.";
        if (await db.ColdStorageAddresses.AnyAsync(a => a.Address == address.Address90, cancellationToken))
            return "This address is on the allow-list already.";
        if (await db.OperatorRequests.AnyAsync(r => r.Kind == OperatorRequestKind.AllowListAddress && r.State == OperatorRequestState.Pending && r.Address == address.Address90, cancellationToken))
            return "This address waits for a second operator's approval already.";
        return null;
    }
}
