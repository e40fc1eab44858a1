using Exchange.Core.Data;
using Exchange.Core.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Withdrawals;

/// <summary>
/// Every change to a withdrawal goes through here: the state transition and its ledger posting
/// commit in one transaction, or neither does.
/// </summary>
public sealed class WithdrawalService(
    IDbContextFactory<ExchangeDbContext> contexts, LedgerService ledger, WithdrawalValidator validator, TimeProvider time)
{
    /// <summary>Validates, creates the withdrawal and reserves its amount; above the coin's threshold it waits for an operator.</summary>
    public async Task<WithdrawalResult> RequestAsync(WithdrawalRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var checkedRequest = await validator.ValidateAsync(db, request, cancellationToken);
        if (checkedRequest.Problems.Count > 0)
            return WithdrawalResult.Refused(checkedRequest.Problems);

        var now = Now;
        var withdrawal = Withdrawal.Request(request.UserId, checkedRequest.Coin!.Symbol, checkedRequest.Amount, checkedRequest.Address!, now);
        db.Withdrawals.Add(withdrawal);
        await db.SaveChangesAsync(cancellationToken);

        var reserved = await ledger.PostAsync(db, Reserve(withdrawal), cancellationToken);
        if (!reserved.Succeeded)
            return WithdrawalResult.Refused(WithdrawalField.Amount, reserved.Message!);

        if (withdrawal.Amount > checkedRequest.Coin.ApprovalThreshold)
            withdrawal.HoldForApproval(now);
        else
            withdrawal.Approve(null, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WithdrawalResult.Ok(withdrawal);
    }

    /// <summary>The user's withdrawals, newest first.</summary>
    public async Task<IReadOnlyList<Withdrawal>> ForUserAsync(string userId, int count = 20, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().Where(w => w.UserId == userId).OrderByDescending(w => w.Id).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>Withdrawals in one state, oldest first: the operators' queues.</summary>
    public async Task<IReadOnlyList<Withdrawal>> InStateAsync(WithdrawalState state, int count = 100, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().Where(w => w.State == state).OrderBy(w => w.Id).Take(count).ToListAsync(cancellationToken);
    }

    public Task<WithdrawalResult> ApproveAsync(long id, string operatorId, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "approve", (w, now) => w.Approve(operatorId, now), null, cancellationToken);

    public Task<WithdrawalResult> RejectAsync(long id, string operatorId, string reason, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult(WithdrawalResult.Refused(WithdrawalField.None, "A rejection needs a reason the user can read."))
            : TransitionAsync(id, "reject", (w, now) => w.State == WithdrawalState.AwaitingApproval && w.Cancel($"Rejected by an operator: {reason}", now),
                w => Refund(w, LedgerCause.Operator, operatorId), cancellationToken);

    /// <summary>A user's cancellation of a withdrawal not yet sent to Hub.</summary>
    public Task<WithdrawalResult> CancelAsync(long id, string userId, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "cancel", (w, now) => w.UserId == userId && w.State.IsCancellableLocally() && w.Cancel("Cancelled by you.", now),
            w => Refund(w, LedgerCause.User), cancellationToken);

    /// <summary>Hub confirmed UserWithdrawCancel for a submitted withdrawal: refund it.</summary>
    public Task<WithdrawalResult> ConfirmHubCancelAsync(long id, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "cancel", (w, now) => w.State == WithdrawalState.Submitted && w.Cancel("Cancelled by you.", now),
            w => Refund(w, LedgerCause.Job), cancellationToken);

    public Task<WithdrawalResult> BeginSubmitAsync(long id, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "submit", (w, now) => w.BeginSubmit(now), null, cancellationToken);

    public Task<WithdrawalResult> MarkSubmittedAsync(long id, string hubUuid, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "record Hub's UUID for", (w, now) => w.MarkSubmitted(hubUuid, now), null, cancellationToken);

    public Task<WithdrawalResult> MarkUnknownAsync(long id, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "mark unknown", (w, now) => w.MarkUnknown(now), null, cancellationToken);

    public Task<WithdrawalResult> RequeueAsync(long id, string reason, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "requeue", (w, now) => w.Requeue(reason, now), null, cancellationToken);

    public Task<WithdrawalResult> ReturnToApprovedAsync(long id, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "resubmit", (w, now) => w.ReturnToApproved(now), null, cancellationToken);

    public Task<WithdrawalResult> FailAsync(long id, string reason, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "fail", (w, now) => w.Fail(reason, now), w => Refund(w, LedgerCause.Job), cancellationToken);

    public Task<WithdrawalResult> MarkSweptAsync(long id, string bundleHash, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "mark swept", (w, now) => w.MarkSwept(bundleHash, now), null, cancellationToken);

    public Task<WithdrawalResult> CompleteAsync(long id, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "complete", (w, now) => w.Complete(now), Consume, cancellationToken);

    private async Task<WithdrawalResult> TransitionAsync(
        long id, string verb, Func<Withdrawal, DateTime, bool> move, Func<Withdrawal, LedgerChange>? money, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var withdrawal = await db.Withdrawals.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (withdrawal is null)
            return WithdrawalResult.Refused(WithdrawalField.None, $"There is no withdrawal {id}.");
        var from = withdrawal.State;
        if (!move(withdrawal, Now))
            return WithdrawalResult.Refused(WithdrawalField.None, $"Cannot {verb} withdrawal {id}: it is {Describe(from)}.");

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WithdrawalResult.Refused(WithdrawalField.None, $"Withdrawal {id} was changed by someone else at the same time; nothing was done.");
        }

        if (money is not null)
        {
            var posted = await ledger.PostAsync(db, money(withdrawal), cancellationToken);
            if (!posted.Succeeded)
                throw new InvalidOperationException($"Withdrawal {id}: the ledger refused its {verb} posting: {posted.Message}");
        }
        await transaction.CommitAsync(cancellationToken);
        return WithdrawalResult.Ok(withdrawal);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static string Describe(WithdrawalState state) => state switch
    {
        WithdrawalState.AwaitingApproval => "awaiting approval",
        WithdrawalState.Swept => "already in a Hub sweep",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static string Reference(Withdrawal w) => $"withdrawal:{w.Id}";

    private static LedgerChange Reserve(Withdrawal w) =>
        new(w.UserId, w.Coin, LedgerEntryKind.WithdrawalReserve, -w.Amount, w.Amount, LedgerCause.User, Reference(w), $"withdrawal:{w.Id}:reserve");

    private static LedgerChange Refund(Withdrawal w, LedgerCause cause, string? operatorId = null) =>
        new(w.UserId, w.Coin, LedgerEntryKind.WithdrawalRefund, w.Amount, -w.Amount, cause, Reference(w), $"withdrawal:{w.Id}:refund",
            operatorId, w.Reason);

    private static LedgerChange Consume(Withdrawal w) =>
        new(w.UserId, w.Coin, LedgerEntryKind.WithdrawalCompleted, 0, -w.Amount, LedgerCause.Job, Reference(w), $"withdrawal:{w.Id}:completed");
}
