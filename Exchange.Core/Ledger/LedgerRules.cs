namespace Exchange.Core.Ledger;

/// <summary>What every change must satisfy before it touches an account.</summary>
internal static class LedgerRules
{
    public static string? Check(LedgerChange change)
    {
        if (string.IsNullOrWhiteSpace(change.UserId))
            return "A ledger change needs a user.";
        if (change.AvailableChange == 0 && change.ReservedChange == 0)
            return "A ledger change must move some amount.";
        if (change.Cause == LedgerCause.Operator && string.IsNullOrWhiteSpace(change.OperatorId))
            return "An operator's change must name the operator.";
        if (change.Kind == LedgerEntryKind.Manual && (change.Cause != LedgerCause.Operator || string.IsNullOrWhiteSpace(change.Reason)))
            return "A manual adjustment must be made by an operator and give a reason.";
        return ShapeProblem(change);
    }

    // Each kind moves money in one fixed way; anything else is a programming error caught here.
    private static string? ShapeProblem(LedgerChange c) => c.Kind switch
    {
        LedgerEntryKind.Deposit when c.AvailableChange <= 0 || c.ReservedChange != 0 => "A deposit adds to Available only.",
        LedgerEntryKind.WithdrawalReserve when c.AvailableChange >= 0 || c.ReservedChange != -c.AvailableChange => "A withdrawal reserve moves Available to Reserved.",
        LedgerEntryKind.WithdrawalRefund when c.ReservedChange >= 0 || c.AvailableChange != -c.ReservedChange => "A withdrawal refund moves Reserved back to Available.",
        LedgerEntryKind.WithdrawalCompleted when c.ReservedChange >= 0 || c.AvailableChange != 0 => "A completed withdrawal consumes Reserved only.",
        LedgerEntryKind.Manual when c.ReservedChange != 0 => "A manual adjustment changes Available only.",
        _ => null,
    };
}
