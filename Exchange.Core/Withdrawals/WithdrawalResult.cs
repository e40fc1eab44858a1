namespace Exchange.Core.Withdrawals;

/// <summary>Which input a refusal is about, so a form can show the message beside it.</summary>
public enum WithdrawalField
{
    None,
    Coin,
    Amount,
    Address,
    TwoFactorCode,
    IdempotencyKey,
}

public sealed record WithdrawalProblem(WithdrawalField Field, string Message);

public sealed record WithdrawalResult(Withdrawal? Withdrawal, IReadOnlyList<WithdrawalProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;

    /// <summary>Refused because the user has no withdrawal with that id (none at all, or another user's).</summary>
    public bool IsNotFound { get; private init; }

    /// <summary>Refused because the operator's step-up (two-factor on, a fresh code) failed; nothing was looked at or changed.</summary>
    public bool NeedsStepUp { get; private init; }

    public static WithdrawalResult Ok(Withdrawal withdrawal) => new(withdrawal, []);
    public static WithdrawalResult Refused(WithdrawalField field, string message) => new(null, [new WithdrawalProblem(field, message)]);
    public static WithdrawalResult Refused(IReadOnlyList<WithdrawalProblem> problems) => new(null, problems);
    public static WithdrawalResult NotFound(long id) => Refused(WithdrawalField.None, $"There is no withdrawal {id}.") with { IsNotFound = true };
    public static WithdrawalResult StepUpRefused(string message) => Refused(WithdrawalField.None, message) with { NeedsStepUp = true };
}
