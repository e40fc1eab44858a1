namespace Exchange.Core.Accounts;

public interface ITwoFactorVerifier
{
    Task<bool> IsEnabledAsync(string userId, CancellationToken ct = default);

    Task<string?> ProblemAsync(string userId, string? code, CancellationToken ct = default);
}
