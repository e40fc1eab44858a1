using Exchange.Core.Data;
using Exchange.Hub;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Withdrawals;

/// <summary>
/// A user's cancel: locally while nothing was sent to Hub, through Hub's UserWithdrawCancel once
/// it was, and refused with a clear message once Hub has put it in a sweep.
/// </summary>
public sealed class WithdrawalCancellation(IDbContextFactory<ExchangeDbContext> contexts, IHubClient hub, WithdrawalService withdrawals)
{
    public async Task<WithdrawalResult> CancelAsync(long id, string userId, CancellationToken cancellationToken = default)
    {
        Withdrawal? withdrawal;
        await using (var db = contexts.CreateDbContext())
            withdrawal = await db.Withdrawals.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id && w.UserId == userId, cancellationToken);
        if (withdrawal is null)
            return WithdrawalResult.Refused(WithdrawalField.None, $"There is no withdrawal {id}.");

        var result = withdrawal.State switch
        {
            WithdrawalState.Submitted => await CancelInHubAsync(withdrawal, cancellationToken),
            WithdrawalState.Swept or WithdrawalState.Completed => AlreadySwept,
            _ => await withdrawals.CancelAsync(id, userId, cancellationToken),
        };
        return result;
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
