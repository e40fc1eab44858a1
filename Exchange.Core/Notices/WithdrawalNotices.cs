using Exchange.Core.Data;
using Exchange.Core.Withdrawals;

namespace Exchange.Core.Notices;

/// <summary>Which moves of a withdrawal its user hears about, written in the move's transaction.</summary>
public static class WithdrawalNotices
{
    /// <summary>The notices of a move from <paramref name="from"/> to the withdrawal's state (null: just requested).</summary>
    public static void Add(ExchangeDbContext db, Withdrawal withdrawal, WithdrawalState? from, DateTime at)
    {
        foreach (var type in TypesOf(from, withdrawal.State))
        {
            if (type.Audience == NoticeAudience.Operators)
                NoticeLog.Add(db, type, null, new NoticeData().With("summary", $"Withdrawal {withdrawal.Id}").With("link", "/operator/withdrawals"), at);
            else
                NoticeLog.Add(db, type, withdrawal.UserId, DataOf(withdrawal), at);
        }
    }

    public static NoticeData DataOf(Withdrawal w) => new NoticeData()
        .With("withdrawal", w.Id).With("amount", w.Amount).With("coin", w.Coin).With("address", w.Address)
        .With("state", w.State.ToString()).With("reason", w.State is WithdrawalState.Failed or WithdrawalState.Cancelled ? w.Reason : null);

    internal static IEnumerable<NoticeType> TypesOf(WithdrawalState? from, WithdrawalState to)
    {
        if (from is null)
        {
            yield return NoticeTypes.WithdrawalRequested;
            if (to == WithdrawalState.AwaitingApproval)
            {
                yield return NoticeTypes.WithdrawalHeld;
                yield return NoticeTypes.ApprovalRequested;
            }
            yield break;
        }
        if (from == to) yield break;
        switch (to)
        {
            case WithdrawalState.Approved when from == WithdrawalState.AwaitingApproval:
                yield return NoticeTypes.WithdrawalApproved;
                break;
            case WithdrawalState.Submitted when from is WithdrawalState.Submitting or WithdrawalState.Unknown:
                yield return NoticeTypes.WithdrawalSent;
                break;
            case WithdrawalState.Completed:
                yield return NoticeTypes.WithdrawalCompleted;
                break;
            case WithdrawalState.Failed:
                yield return NoticeTypes.WithdrawalFailed;
                break;
            case WithdrawalState.Cancelled:
                yield return NoticeTypes.WithdrawalCancelled;
                break;
        }
    }
}
