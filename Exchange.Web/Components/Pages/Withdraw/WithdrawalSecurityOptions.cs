namespace Exchange.Web.Components.Pages.Withdraw;

/// <summary>Configuration section <c>WithdrawalSecurity</c>.</summary>
public sealed class WithdrawalSecurityOptions
{
    public const string Section = "WithdrawalSecurity";

    /// <summary>
    /// Above this USD value a withdrawal always needs a two-factor code, so users without 2FA must
    /// turn it on first. Unset: only users who turned 2FA on are asked for a code.
    /// </summary>
    public decimal? TwoFactorRequiredAboveUsd { get; set; }
}
