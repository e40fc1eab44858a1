namespace Exchange.Core.Ledger;

public enum LedgerEntryKind
{
    /// <summary>A deposit credited after Hub swept it.</summary>
    Deposit,
    /// <summary>Available moved to Reserved when a withdrawal is requested.</summary>
    WithdrawalReserve,
    /// <summary>Reserved moved back to Available: the withdrawal was cancelled, rejected or failed.</summary>
    WithdrawalRefund,
    /// <summary>Reserved consumed: the withdrawal was paid out and confirmed.</summary>
    WithdrawalCompleted,
    /// <summary>An operator's adjustment, always with a reason.</summary>
    Manual,
}

public enum LedgerCause
{
    Job,
    User,
    Operator,
}

/// <summary>One append-only line of the ledger: never updated, never deleted.</summary>
public sealed class LedgerEntry
{
    public long Id { get; private set; }
    public long AccountId { get; private set; }
    public string UserId { get; private set; } = "";
    public string Coin { get; private set; } = "";
    public LedgerEntryKind Kind { get; private set; }
    public long AvailableChange { get; private set; }
    public long ReservedChange { get; private set; }
    public long AvailableAfter { get; private set; }
    public long ReservedAfter { get; private set; }
    public LedgerCause Cause { get; private set; }
    public string? OperatorId { get; private set; }
    public string? Reason { get; private set; }

    /// <summary>What the entry is about: a Hub event, a withdrawal id, a sweep bundle.</summary>
    public string? Reference { get; private set; }

    /// <summary>Unique when set: the same external event can never be booked twice.</summary>
    public string? IdempotencyKey { get; private set; }

    public DateTime CreatedAt { get; private set; }

    private LedgerEntry() { }

    internal static LedgerEntry For(Account account, LedgerChange change, long availableAfter, long reservedAfter, DateTime now) => new()
    {
        AccountId = account.Id,
        UserId = account.UserId,
        Coin = account.Coin,
        Kind = change.Kind,
        AvailableChange = change.AvailableChange,
        ReservedChange = change.ReservedChange,
        AvailableAfter = availableAfter,
        ReservedAfter = reservedAfter,
        Cause = change.Cause,
        OperatorId = change.OperatorId,
        Reason = change.Reason,
        Reference = change.Reference,
        IdempotencyKey = change.IdempotencyKey,
        CreatedAt = now,
    };
}
