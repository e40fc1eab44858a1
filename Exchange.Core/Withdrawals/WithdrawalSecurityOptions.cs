namespace Exchange.Core.Withdrawals;

/// <summary>Configuration section <c>WithdrawalSecurity</c>.</summary>
public sealed class WithdrawalSecurityOptions
{
    public const string Section = "WithdrawalSecurity";

    /// <summary>
    /// When a user's withdrawals of the last 24 hours, this one included, are worth more than this
    /// in USD, the user must have two-factor on (and so give a code). Unset: only users who turned
    /// 2FA on are asked for a code.
    /// </summary>
    public decimal? TwoFactorRequiredAboveUsd { get; set; }

    /// <summary>How long after a security change (password, 2FA, email, a new withdraw key) withdrawal requests are refused.</summary>
    public TimeSpan HoldAfterSecurityChange { get; set; } = TimeSpan.FromHours(24);
}
