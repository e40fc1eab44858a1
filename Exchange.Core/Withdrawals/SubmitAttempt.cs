namespace Exchange.Core.Withdrawals;

/// <summary>
/// One call of Hub's UserWithdraw for a withdrawal: the attempt's number, which every transition it
/// makes carries (<see cref="Withdrawal.SubmitAttempt"/>), and the last moment it may still make the call.
/// </summary>
/// <remarks>
/// Why the deadline: another node judges the attempt unknown no earlier than a grace period after it
/// was marked Submitting (by that node's clock, which may run up to <see cref="ClockMargin"/> ahead),
/// and reconciliation reads Hub's history a whole grace period after that. A call begun by
/// markedAt + grace - Hub:TimeoutSeconds - margin has ended (answered or timed out) before anyone may
/// judge it, so no attempt is still calling Hub when it is judged, and a request Hub got before the
/// client gave up has a grace period to show in the history before it is read, as after any
/// timeout. An attempt that stalled between being marked and the call (GC, a paused VM, SIGSTOP)
/// finds itself past the deadline and gives up; without the check it would call after the
/// withdrawal had been judged and sent again, and Hub would pay twice. Left open is only a stall
/// inside the few instructions between the check and the request leaving the process.
/// </remarks>
internal sealed record SubmitAttempt(long WithdrawalId, int Number, DateTime Deadline)
{
    /// <summary>How far the nodes' clocks may disagree: Hub:TimeoutSeconds must leave this much of the grace period.</summary>
    public static readonly TimeSpan ClockMargin = TimeSpan.FromSeconds(1);

    /// <summary>The attempt a withdrawal just marked Submitting (with <see cref="Withdrawal.BeginSubmit"/>) stands for.</summary>
    public static SubmitAttempt Of(Withdrawal begun, TimeSpan grace, TimeSpan hubTimeout) =>
        new(begun.Id, begun.SubmitAttempt, begun.UpdatedAt + grace - hubTimeout - ClockMargin);
}
