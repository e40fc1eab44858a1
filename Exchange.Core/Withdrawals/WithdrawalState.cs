namespace Exchange.Core.Withdrawals;

/// <summary>
/// A withdrawal's life. Money moves at three transitions only: the request reserves it, a
/// cancellation or failure refunds it, completion consumes the reserve.
/// <code>
/// Requested ──> AwaitingApproval ──> Approved ──> Submitting ──> Submitted ──> Swept ──> Completed
///     └──────────────────────────────────^            │   │          │
/// Requested, AwaitingApproval, Approved, Submitted ──> Cancelled   (refund)
/// Approved, Submitting ──> Failed                                  (refund, with Hub's reason)
/// Submitting ──> Approved (Hub cannot take it yet: hot wallet short, node down)
/// Submitting ──> Unknown ──> Submitted (Hub has it) | Approved (Hub proved it has none: resubmit)
/// </code>
/// Each entry into Submitting is a new attempt (<see cref="Withdrawal.SubmitAttempt"/>); the moves out
/// of Submitting and Unknown belong to one attempt and are refused once a newer one began.
/// </summary>
public enum WithdrawalState
{
    /// <summary>Created and reserved; about to be approved automatically or queued for an operator.</summary>
    Requested,
    /// <summary>Above the coin's approval threshold: waits for an operator.</summary>
    AwaitingApproval,
    /// <summary>Ready for the withdrawal job to send to Hub.</summary>
    Approved,
    /// <summary>The job is calling Hub's UserWithdraw right now (recorded before the call).</summary>
    Submitting,
    /// <summary>Hub accepted it (its UUID is stored) and will pay it out in a sweep.</summary>
    Submitted,
    /// <summary>In a Hub sweep (bundle known); no longer cancellable.</summary>
    Swept,
    /// <summary>The sweep is confirmed on the Tangle: paid out, reserve consumed. Final.</summary>
    Completed,
    /// <summary>Cancelled by the user or rejected by an operator before payout; refunded. Final.</summary>
    Cancelled,
    /// <summary>The UserWithdraw call's outcome is not known; only reconciliation moves it on.</summary>
    Unknown,
    /// <summary>Hub refused it for good (invalid address, spent address...); refunded. Final.</summary>
    Failed,
}

public static class WithdrawalStates
{
    /// <summary>Where a withdrawal's life ends; an array so queries can filter on it in the database.</summary>
    internal static readonly WithdrawalState[] Final = [WithdrawalState.Completed, WithdrawalState.Cancelled, WithdrawalState.Failed];

    /// <summary>Where a user's cancel is accepted: until Hub puts the withdrawal into a sweep (locally, or through Hub once submitted).</summary>
    internal static readonly WithdrawalState[] CancellableByUser =
        [WithdrawalState.Requested, WithdrawalState.AwaitingApproval, WithdrawalState.Approved, WithdrawalState.Submitted];

    public static bool IsFinal(this WithdrawalState state) => Final.Contains(state);

    /// <summary>Whether the user may still cancel it: pages offer the cancel exactly then, and <see cref="WithdrawalCancellation"/> refuses otherwise.</summary>
    public static bool CanBeCancelledByUser(this WithdrawalState state) => CancellableByUser.Contains(state);

    /// <summary>States that still hold the amount in Reserved.</summary>
    public static bool HoldsReserve(this WithdrawalState state) => !state.IsFinal();

    /// <summary>The state in the words of a message ("it is awaiting approval").</summary>
    internal static string Describe(this WithdrawalState state) => state switch
    {
        WithdrawalState.AwaitingApproval => "awaiting approval",
        WithdrawalState.Swept => "already in a Hub sweep",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>States the exchange can still cancel without Hub (nothing was sent yet).</summary>
    public static bool IsCancellableLocally(this WithdrawalState state) =>
        state is WithdrawalState.Requested or WithdrawalState.AwaitingApproval or WithdrawalState.Approved;
}
