using Exchange.Core.Audit;
using Exchange.Core.Ledger;

namespace Exchange.Core.Withdrawals;

/// <summary>
/// A withdrawal's way through Hub, as <see cref="WithdrawalProcessor"/> records it (and reconciliation,
/// and a user's cancel through Hub): each step one move, refused from the wrong state or attempt.
/// </summary>
public sealed class HubWithdrawalSteps(WithdrawalTransitions transitions)
{
    /// <summary>Hub confirmed UserWithdrawCancel for a submitted withdrawal: refund it.</summary>
    public Task<WithdrawalResult> ConfirmHubCancelAsync(long id, CancellationToken cancellationToken = default) =>
        transitions.TransitionAsync(id, "cancel", (w, now) => w.State == WithdrawalState.Submitted && w.Cancel("Cancelled by you.", now),
            w => WithdrawalPostings.Refund(w, LedgerCause.Job), cancellationToken);

    /// <summary>Recorded before UserWithdrawCancel is sent, so a lost answer is settled later (<see cref="WithdrawalProcessor"/>).</summary>
    public Task<WithdrawalResult> MarkCancelRequestedAsync(long id, CancellationToken cancellationToken = default) =>
        transitions.TransitionAsync(id, "cancel", (w, now) => w.RequestCancel(now), null, cancellationToken);

    /// <summary>Hub did not cancel it: the pending cancel is dropped and the withdrawal goes ahead.</summary>
    public Task<WithdrawalResult> DropCancelRequestAsync(long id, CancellationToken cancellationToken = default) =>
        transitions.TransitionAsync(id, "follow on", (w, _) => w.DropCancelRequest(), null, cancellationToken);

    /// <summary>
    /// A new attempt to send it to Hub: the result's withdrawal carries the attempt's number
    /// (<see cref="Withdrawal.SubmitAttempt"/>), which every transition below must give.
    /// </summary>
    public Task<WithdrawalResult> BeginSubmitAsync(long id, CancellationToken cancellationToken = default) =>
        transitions.TransitionAsync(id, "submit", (w, now) => w.BeginSubmit(now), null, cancellationToken);

    public Task<WithdrawalResult> MarkSubmittedAsync(long id, int attempt, string hubUuid, OperatorAction? resolvedBy = null, CancellationToken cancellationToken = default) =>
        transitions.TransitionAsync(id, $"record attempt {attempt}'s Hub UUID for", (w, now) => w.MarkSubmitted(hubUuid, attempt, now), null, cancellationToken,
            resolvedBy is null ? null : (_, _) => resolvedBy);

    public Task<WithdrawalResult> MarkUnknownAsync(long id, int attempt, CancellationToken cancellationToken = default) =>
        transitions.TransitionAsync(id, $"mark attempt {attempt} unknown for", (w, now) => w.MarkUnknown(attempt, now), null, cancellationToken);

    public Task<WithdrawalResult> RequeueAsync(long id, int attempt, string reason, CancellationToken cancellationToken = default) =>
        transitions.TransitionAsync(id, $"requeue after attempt {attempt}", (w, now) => w.Requeue(reason, attempt, now), null, cancellationToken);

    public Task<WithdrawalResult> ReturnToApprovedAsync(long id, int attempt, OperatorAction? resolvedBy = null, CancellationToken cancellationToken = default) =>
        transitions.TransitionAsync(id, $"resubmit after attempt {attempt}", (w, now) => w.ReturnToApproved(attempt, now), null, cancellationToken,
            resolvedBy is null ? null : (_, _) => resolvedBy);

    public Task<WithdrawalResult> FailAsync(long id, int attempt, string reason, CancellationToken cancellationToken = default) =>
        transitions.TransitionAsync(id, $"fail after attempt {attempt}", (w, now) => w.Fail(reason, attempt, now),
            w => WithdrawalPostings.Refund(w, LedgerCause.Job), cancellationToken);

    public Task<WithdrawalResult> MarkSweptAsync(long id, string bundleHash, CancellationToken cancellationToken = default) =>
        transitions.TransitionAsync(id, "mark swept", (w, now) => w.MarkSwept(bundleHash, now), null, cancellationToken);

    public Task<WithdrawalResult> CompleteAsync(long id, CancellationToken cancellationToken = default) =>
        transitions.TransitionAsync(id, "complete", (w, now) => w.Complete(now), WithdrawalPostings.Consume, cancellationToken);
}
