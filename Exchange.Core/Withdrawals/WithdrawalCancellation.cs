using Exchange.Hub;
using Exchange.Hub.Client;

namespace Exchange.Core.Withdrawals;

/// <summary>
/// A user's cancel: locally while nothing was sent to Hub, through Hub's UserWithdrawCancel once
/// it was, and refused with a clear message once Hub has put it in a sweep.
/// </summary>
public sealed class WithdrawalCancellation(IHubClient hub, WithdrawalService withdrawals)
{
    public async Task<WithdrawalResult> CancelAsync(long id, string userId, CancellationToken cancellationToken = default)
    {
        var withdrawal = await withdrawals.FindForUserAsync(userId, id, cancellationToken);
        if (withdrawal is null)
            return WithdrawalResult.NotFound(id);
        if (!withdrawal.State.CanBeCancelledByUser())
            return withdrawal.State is WithdrawalState.Swept or WithdrawalState.Completed
                ? AlreadySwept
                : WithdrawalResult.Refused(WithdrawalField.None, $"Cannot cancel withdrawal {id}: it is {WithdrawalService.Describe(withdrawal.State)}.");

        return withdrawal.State == WithdrawalState.Submitted
            ? await CancelInHubAsync(withdrawal, cancellationToken)
            : await withdrawals.CancelAsync(id, userId, cancellationToken);
    }

    private static WithdrawalResult AlreadySwept =>
        WithdrawalResult.Refused(WithdrawalField.None, "IOTA Hub has already put this withdrawal into a sweep, so it can no longer be cancelled.");

    private async Task<WithdrawalResult> CancelInHubAsync(Withdrawal withdrawal, CancellationToken cancellationToken)
    {
        try
        {
            await hub.UserWithdrawCancelAsync(withdrawal.HubUuid!, cancellationToken);
        }
        catch (HubCommandException e) when (e.Error == HubError.WithdrawalCanNotBeCancelled)
        {
            return AlreadySwept;
        }
        catch (HubTransportException)
        {
            return WithdrawalResult.Refused(WithdrawalField.None, "IOTA Hub is not reachable right now, so nothing was cancelled. Please try again in a moment.");
        }
        return await withdrawals.ConfirmHubCancelAsync(withdrawal.Id, cancellationToken);
    }
}
