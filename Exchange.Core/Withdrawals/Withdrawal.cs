namespace Exchange.Core.Withdrawals;

/// <summary>
/// A user's request to pay out. Transitions are guarded: each returns false and changes nothing
/// when the withdrawal is not in a state it may leave that way. The money side of a transition is
/// posted by <see cref="WithdrawalTransitions"/> in the same transaction.
/// </summary>
public sealed class Withdrawal
{
    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string Coin { get; private set; } = "";
    public long Amount { get; private set; }

    /// <summary>Where to pay: for IOTA 90 trytes with checksum.</summary>
    public string Address { get; private set; } = "";

    public WithdrawalState State { get; private set; }
    public DateTime RequestedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string? ApprovedBy { get; private set; }

    /// <summary>
    /// The fencing token of the calls to Hub's UserWithdraw: raised each time the withdrawal is
    /// marked Submitting, carried by that attempt, and required by every transition the attempt
    /// (or the reconciliation of its outcome) makes. An attempt that was overtaken (its node stalled
    /// while another judged it unknown and sent the withdrawal again) can change nothing.
    /// </summary>
    public int SubmitAttempt { get; private set; }

    /// <summary>Hub's withdrawal UUID once UserWithdraw succeeded (or reconciliation adopted it).</summary>
    public string? HubUuid { get; private set; }

    public string? SweepBundleHash { get; private set; }

    /// <summary>Why it failed, was cancelled or rejected, or waits for review, in words the user can read.</summary>
    public string? Reason { get; private set; }

    /// <summary>
    /// When the user last asked Hub to cancel this submitted withdrawal and the answer is not known
    /// yet (recorded before the call): the withdrawal job asks Hub WasWithdrawalCancelled after the
    /// grace period and refunds it or follows it on.
    /// </summary>
    public DateTime? CancelRequestedAt { get; private set; }

    /// <summary>A cancel was asked of Hub and its outcome is not settled yet.</summary>
    public bool IsCancelling => State == WithdrawalState.Submitted && CancelRequestedAt is not null;

    /// <summary>For a failed withdrawal an operator sent again: the new withdrawal's id (a failure is retried once).</summary>
    public long? RetriedAs { get; private set; }

    /// <summary>The idempotency key the user's request carried (unique per user); null for none and for operators' retries.</summary>
    public string? RequestKey { get; private set; }

    public const int RequestKeyMaxLength = 64;

    /// <summary>Optimistic concurrency: two writers cannot both move the same withdrawal.</summary>
    public long Version { get; private set; }

    private Withdrawal() { }

    internal static Withdrawal Request(string userId, string coin, long amount, string address, DateTime now, string? requestKey = null) => new()
    {
        UserId = userId, Coin = coin, Amount = amount, Address = address, RequestKey = requestKey,
        State = WithdrawalState.Requested, RequestedAt = now, UpdatedAt = now,
    };

    /// <summary>Waits for an operator; <paramref name="reason"/> tells the user why, when its size alone does not.</summary>
    public bool HoldForApproval(DateTime now, string? reason = null)
    {
        if (!Move(WithdrawalState.AwaitingApproval, now, WithdrawalState.Requested)) return false;
        Reason = reason;
        return true;
    }

    public bool Approve(string? approvedBy, DateTime now)
    {
        if (!Move(WithdrawalState.Approved, now, WithdrawalState.Requested, WithdrawalState.AwaitingApproval)) return false;
        ApprovedBy = approvedBy;
        Reason = null; // why it waited; once approved it waits no more
        return true;
    }

    /// <summary>A new attempt: <see cref="SubmitAttempt"/> is its number from here on.</summary>
    public bool BeginSubmit(DateTime now)
    {
        if (!Move(WithdrawalState.Submitting, now, WithdrawalState.Approved)) return false;
        SubmitAttempt++;
        return true;
    }

    public bool MarkSubmitted(string hubUuid, int attempt, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(hubUuid) || !MoveFor(attempt, WithdrawalState.Submitted, now, WithdrawalState.Submitting, WithdrawalState.Unknown)) return false;
        HubUuid = hubUuid;
        return true;
    }

    public bool MarkUnknown(int attempt, DateTime now) => MoveFor(attempt, WithdrawalState.Unknown, now, WithdrawalState.Submitting);

    /// <summary>Hub answered that it cannot take it yet (hot wallet short, node down): back in the queue, with why.</summary>
    public bool Requeue(string reason, int attempt, DateTime now) => WithReason(reason, MoveFor(attempt, WithdrawalState.Approved, now, WithdrawalState.Submitting));

    /// <summary>Reconciliation proved Hub made no withdrawal for it: it may be sent again.</summary>
    public bool ReturnToApproved(int attempt, DateTime now) => MoveFor(attempt, WithdrawalState.Approved, now, WithdrawalState.Unknown);

    public bool MarkSwept(string bundleHash, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(bundleHash) || !Move(WithdrawalState.Swept, now, WithdrawalState.Submitted)) return false;
        SweepBundleHash = bundleHash;
        CancelRequestedAt = null; // in a sweep: Hub did not cancel it
        return true;
    }

    internal bool Complete(DateTime now) => Move(WithdrawalState.Completed, now, WithdrawalState.Swept);

    internal bool Cancel(string reason, DateTime now) =>
        WithReason(reason, Move(WithdrawalState.Cancelled, now, WithdrawalStates.CancellableByUser));

    internal bool RequestCancel(DateTime now) => MarkCancel(now);

    /// <summary>Hub said it did not cancel it: followed on as a plain submitted withdrawal.</summary>
    internal bool DropCancelRequest() => CancelRequestedAt is not null && MarkCancel(null);

    private bool MarkCancel(DateTime? at)
    {
        if (State != WithdrawalState.Submitted) return false;
        CancelRequestedAt = at;
        Version++;
        return true;
    }

    internal bool Fail(string reason, int attempt, DateTime now) =>
        WithReason(reason, MoveFor(attempt, WithdrawalState.Failed, now, WithdrawalState.Approved, WithdrawalState.Submitting));

    internal bool MarkRetried(long newId)
    {
        if (State != WithdrawalState.Failed || HubUuid is not null || RetriedAs is not null) return false;
        RetriedAs = newId;
        Version++;
        return true;
    }

    private bool WithReason(string reason, bool moved)
    {
        if (moved) Reason = reason;
        return moved;
    }

    // A transition of one attempt: refused once a newer attempt began.
    private bool MoveFor(int attempt, WithdrawalState to, DateTime now, params ReadOnlySpan<WithdrawalState> from) =>
        attempt == SubmitAttempt && Move(to, now, from);

    private bool Move(WithdrawalState to, DateTime now, params ReadOnlySpan<WithdrawalState> from)
    {
        if (!from.Contains(State)) return false;
        State = to;
        UpdatedAt = now;
        Version++;
        return true;
    }
}
