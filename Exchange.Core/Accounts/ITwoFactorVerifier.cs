namespace Exchange.Core.Accounts;

/// <summary>
/// Checks a user's authenticator codes. Core's rules (withdrawals, operator writes) ask it; the
/// exchange's Identity setup answers it, so every code is counted and accepted only once wherever it is typed.
/// </summary>
public interface ITwoFactorVerifier
{
    /// <summary>Whether the user has two-factor authentication on.</summary>
    Task<bool> IsEnabledAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Null when <paramref name="code"/> is the user's current authenticator code and was not used
    /// before; else the reason, in the user's words. A wrong code counts toward the account's lockout.
    /// </summary>
    Task<string?> ProblemAsync(string userId, string? code, CancellationToken cancellationToken = default);
}
