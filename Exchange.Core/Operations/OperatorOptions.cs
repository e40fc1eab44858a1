using System.ComponentModel.DataAnnotations;

namespace Exchange.Core.Operations;

/// <summary>Configuration section <c>Operator</c>: when the operators' overview raises an alert, and what needs a second operator.</summary>
public sealed class OperatorOptions
{
    public const string Section = "Operator";

    /// <summary>Alert when the hot wallet's Hub balance is below this many iotas (0: never).</summary>
    [Range(0, long.MaxValue)] public long HotWalletFloor { get; set; } = 10_000_000;

    /// <summary>Alert when a job's last this-many runs all failed.</summary>
    [Range(1, 100)] public int JobFailuresBeforeAlert { get; set; } = 3;

    /// <summary>Alert when a withdrawal waits in Approved or Submitted for longer than this.</summary>
    public TimeSpan StuckWithdrawalAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The overview is computed again at most this often, however many operators have it open.</summary>
    public TimeSpan OverviewRefresh { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Manual adjustments worth more than this many USD in 24 hours (those one operator asked for, or one
    /// user received, the new one included) wait for a second operator (every send to cold storage does).
    /// </summary>
    public decimal FourEyesAboveUsd { get; set; } = 1000m;

    /// <summary>
    /// For this long after an operator credits an account by hand, every withdrawal from it waits for an
    /// operator other than the ones who asked for and approved the credit.
    /// </summary>
    public TimeSpan ManualCreditWithdrawalReview { get; set; } = TimeSpan.FromDays(7);
}
