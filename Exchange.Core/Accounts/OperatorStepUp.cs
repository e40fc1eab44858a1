namespace Exchange.Core.Accounts;

/// <summary>
/// Every operator write asks for the operator's current two-factor code, so a stolen session or
/// key alone cannot move money; an operator without two-factor on cannot act at all.
/// </summary>
public sealed class OperatorStepUp(ITwoFactorVerifier codes)
{
    /// <summary>Null when the operator may act; else the reason, in the operator's words.</summary>
    public async Task<string?> ProblemAsync(string operatorId, string? code, CancellationToken cancellationToken = default) =>
        await codes.IsEnabledAsync(operatorId, cancellationToken)
            ? await codes.ProblemAsync(operatorId, code, cancellationToken)
            : "Operators act only with two-factor authentication on. Turn it on under Two-factor authentication in your account menu, then try again.";
}
