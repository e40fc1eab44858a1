using Exchange.Hub;
using Exchange.Hub.Client;

namespace Exchange.Core.Withdrawals;

/// <summary>
/// A user's cancel: locally while nothing was sent to Hub, through Hub's UserWithdrawCancel once
/// it was, and refused with a clear message once Hub has put it in a sweep.
/// </summary>
public sealed class WithdrawalCancellation(IHubClient hub, HubWithdrawalSteps withdrawals, WithdrawalQueries queries, UserWithdrawalCommands users)
{
    public async Task<WithdrawalResult> CancelAsync(long id, string userId, CancellationToken cancellationToken = default)
    {
        var withdrawal = await queries.FindForUserAsync(userId, id, cancellationToken);
        if (withdrawal is null)
            return WithdrawalResult.NotFound(id);
        if (!withdrawal.State.CanBeCancelledByUser())
            return withdrawal.State is WithdrawalState.Swept or WithdrawalState.Completed
                ? AlreadySwept
                : WithdrawalResult.Refused(WithdrawalField.None, $"Cannot cancel withdrawal {id}: it is {withdrawal.State.Describe()}.");

        return withdrawal.State == WithdrawalState.Submitted
            ? await CancelInHubAsync(withdrawal, cancellationToken)
            : await users.CancelAsync(id, userId, cancellationToken);
    }

    private static WithdrawalResult AlreadySwept =>
        WithdrawalResult.Refused(WithdrawalField.None, "IOTA Hub has already put this withdrawal into a sweep, so it can no longer be cancelled.");

    private async Task<WithdrawalResult> CancelInHubAsync(Withdrawal withdrawal, CancellationToken cancellationToken)
    {
        // Recorded first: if the answer is lost (or the exchange stops mid-call), the withdrawal job
        // asks Hub whether it was cancelled and refunds it or follows it on.
        var marked = await withdrawals.MarkCancelRequestedAsync(withdrawal.Id, cancellationToken);
        if (!marked.Succeeded) return marked;
        try
        {
            await hub.UserWithdrawCancelAsync(withdrawal.HubUuid!, cancellationToken);
        }
        catch (HubCommandException e) when (e.Error == HubError.WithdrawalCanNotBeCancelled)
        {
            return await SettleRefusalAsync(withdrawal, cancellationToken);
        }
        catch (HubTransportException)
        {
            return WithdrawalResult.Refused(WithdrawalField.None,
                "IOTA Hub did not answer, so it is not known yet whether the withdrawal was cancelled. The exchange checks with IOTA Hub shortly: "
                + "if it was cancelled the amount returns to your balance, otherwise it goes ahead.");
        }
        return await withdrawals.ConfirmHubCancelAsync(withdrawal.Id, cancellationToken);
    }

    // Hub also refuses a withdrawal it has already cancelled (an earlier cancel whose answer was lost).
    private async Task<WithdrawalResult> SettleRefusalAsync(Withdrawal withdrawal, CancellationToken cancellationToken)
    {
        bool cancelled;
        try
        {
            cancelled = await hub.WasWithdrawalCancelledAsync(withdrawal.HubUuid!, cancellationToken);
        }
        catch (Exception e) when (e is HubTransportException or HubCommandException)
        {
            return AlreadySwept; // the mark stays: the withdrawal job settles it
        }
        if (cancelled) return await withdrawals.ConfirmHubCancelAsync(withdrawal.Id, cancellationToken);
        await withdrawals.DropCancelRequestAsync(withdrawal.Id, cancellationToken);
        return AlreadySwept;
    }
}
