using Exchange.Core.Ledger;

namespace Exchange.Core.Withdrawals;

/// <summary>The ledger postings of a withdrawal's life: its amount reserved when requested, refunded when it ends unpaid, consumed once paid out.</summary>
internal static class WithdrawalPostings
{
    public static LedgerChange Reserve(Withdrawal w) =>
        new(w.UserId, w.Coin, LedgerEntryKind.WithdrawalReserve, -w.Amount, w.Amount, LedgerCause.User, Reference(w), $"withdrawal:{w.Id}:reserve");

    public static LedgerChange Refund(Withdrawal w, LedgerCause cause, string? operatorId = null) =>
        new(w.UserId, w.Coin, LedgerEntryKind.WithdrawalRefund, w.Amount, -w.Amount, cause, Reference(w), $"withdrawal:{w.Id}:refund",
            operatorId, w.Reason);

    public static LedgerChange Consume(Withdrawal w) =>
        new(w.UserId, w.Coin, LedgerEntryKind.WithdrawalCompleted, 0, -w.Amount, LedgerCause.Job, Reference(w), $"withdrawal:{w.Id}:completed");

    private static string Reference(Withdrawal w) => $"withdrawal:{w.Id}";
}
