using Exchange.Core.Audit;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Core.Ledger;
using Exchange.Core.Notices;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Withdrawals;

/// <summary>
/// Every change to a withdrawal's state goes through <see cref="TransitionAsync"/>: the move, its
/// ledger posting and its audit entry commit in one transaction, or none does; once committed,
/// pages showing it are told. The users', the operators' and Hub's steps
/// (<see cref="UserWithdrawalCommands"/>, <see cref="OperatorWithdrawalCommands"/>,
/// <see cref="HubWithdrawalSteps"/>) are each one call of it. Core's own: nothing outside calls it.
/// </summary>
public sealed class WithdrawalTransitions(
    IDbContextFactory<ExchangeDbContext> contexts, LedgerService ledger, AuditLog audit, IExchangeEvents events, TimeProvider time)
{
    internal async Task<WithdrawalResult> TransitionAsync(
        long id, string verb, Func<Withdrawal, DateTime, bool> move, Func<Withdrawal, LedgerChange>? money, CancellationToken cancellationToken,
        Func<Withdrawal, WithdrawalState, OperatorAction>? audited = null)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var withdrawal = await db.Withdrawals.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (withdrawal is null)
            return WithdrawalResult.NotFound(id);
        var from = withdrawal.State;
        if (!move(withdrawal, Now))
            return WithdrawalResult.Refused(WithdrawalField.None, $"Cannot {verb} withdrawal {id}: it is {from.Describe()}{AttemptOf(withdrawal)}.");
        WithdrawalNotices.Add(db, withdrawal, from, Now);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WithdrawalResult.Refused(WithdrawalField.None, $"Withdrawal {id} was changed by someone else at the same time; nothing was done.");
        }

        if (money is not null)
        {
            var posted = await ledger.PostAsync(db, money(withdrawal), cancellationToken);
            if (!posted.Succeeded)
                throw new InvalidOperationException($"Withdrawal {id}: the ledger refused its {verb} posting: {posted.Message}");
        }
        if (audited is not null)
        {
            await audit.AddAsync(db, audited(withdrawal, from), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        Announce(withdrawal);
        return WithdrawalResult.Ok(withdrawal);
    }

    internal void Announce(Withdrawal w) => events.Publish(new WithdrawalChanged(w.UserId, w.Id, w.State.ToString()));

    internal DateTime Now => time.GetUtcNow().UtcDateTime;

    // A refused transition of an attempt says which attempt the withdrawal is at now.
    private static string AttemptOf(Withdrawal w) => w.State is WithdrawalState.Submitting or WithdrawalState.Unknown ? $" (attempt {w.SubmitAttempt})" : "";
}
