namespace Exchange.Core.Ledger;

/// <summary>A balance modification to apply: signed changes to Available and Reserved.</summary>
public sealed record LedgerChange(
    string UserId,
    string Coin,
    LedgerEntryKind Kind,
    long AvailableChange,
    long ReservedChange,
    LedgerCause Cause,
    string? Reference = null,
    string? IdempotencyKey = null,
    string? OperatorId = null,
    string? Reason = null)
{
    public static LedgerChange Deposit(string userId, string coin, long amount, string reference, string idempotencyKey) =>
        new(userId, coin, LedgerEntryKind.Deposit, amount, 0, LedgerCause.Job, reference, idempotencyKey);

    public static LedgerChange Manual(string userId, string coin, long amount, string operatorId, string reason) =>
        new(userId, coin, LedgerEntryKind.Manual, amount, 0, LedgerCause.Operator, OperatorId: operatorId, Reason: reason);
}

public enum PostingOutcome
{
    Applied,
    /// <summary>An entry with the same idempotency key exists: nothing was changed.</summary>
    AlreadyApplied,
    InsufficientFunds,
    Rejected,
}

public sealed record PostingResult(PostingOutcome Outcome, string? Message = null, LedgerEntry? Entry = null)
{
    public bool Succeeded => Outcome == PostingOutcome.Applied;

    public static PostingResult Applied(LedgerEntry entry) => new(PostingOutcome.Applied, null, entry);
    public static PostingResult AlreadyApplied { get; } = new(PostingOutcome.AlreadyApplied, "Already applied.");
    public static PostingResult Rejected(string message) => new(PostingOutcome.Rejected, message);
    public static PostingResult Insufficient(string message) => new(PostingOutcome.InsufficientFunds, message);
}
