using Exchange.Core.Audit;
using Exchange.Core.Data;
using Exchange.Core.Ledger;
using Exchange.Core.Notices;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Withdrawals;

/// <summary>
/// A new withdrawal, for a user's request or an operator's retry: checked again under the user's
/// <see cref="WithdrawalRequestLock"/>, created with its amount reserved, then approved or held for
/// an operator, in one transaction. Core's own: users and operators reach it through their commands.
/// </summary>
public sealed class WithdrawalCreation(
    IDbContextFactory<ExchangeDbContext> contexts, LedgerService ledger, WithdrawalValidator validator, WithdrawalTwoFactorRule twoFactor,
    ManualCreditReview review, AuditLog audit, WithdrawalTransitions transitions)
{
    /// <summary>An operator sends failed withdrawal <paramref name="FailedId"/> again.</summary>
    internal sealed record Retry(long FailedId, string OperatorId);

    internal async Task<WithdrawalResult> CreateAsync(WithdrawalRequest request, Retry? retry, bool codeChecked, CancellationToken cancellationToken)
    {
        await WithdrawalRequestLock.EnsureAsync(contexts, request.UserId, cancellationToken);
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Before any read: the limits below are read-then-insert, safe only one request of the user at a time.
        await WithdrawalRequestLock.TakeAsync(db, request.UserId, cancellationToken);
        if (request.IdempotencyKey is not null
            && await db.Withdrawals.AsNoTracking().SingleOrDefaultAsync(w => w.UserId == request.UserId && w.RequestKey == request.IdempotencyKey, cancellationToken) is { } earlier)
            return WithdrawalResult.Ok(earlier);

        var checkedRequest = await validator.ValidateAsync(db, request, cancellationToken);
        if (checkedRequest.Problems.Count > 0)
            return WithdrawalResult.Refused(checkedRequest.Problems);
        // The code itself was checked before this transaction (codeChecked); whether one is needed is decided here, under the lock.
        if (retry is null && await twoFactor.ProblemAsync(db, request.UserId, checkedRequest.Coin!.Symbol, checkedRequest.Amount, codeChecked, cancellationToken) is { } twoFactorProblem)
            return WithdrawalResult.Refused([twoFactorProblem]);

        var now = transitions.Now;
        var withdrawal = Withdrawal.Request(request.UserId, checkedRequest.Coin!.Symbol, checkedRequest.Amount, checkedRequest.Address!, now, request.IdempotencyKey);
        db.Withdrawals.Add(withdrawal);
        await db.SaveChangesAsync(cancellationToken);

        var reserved = await ledger.PostAsync(db, WithdrawalPostings.Reserve(withdrawal), cancellationToken);
        if (!reserved.Succeeded)
            return WithdrawalResult.Refused(WithdrawalField.Amount, reserved.Message!);

        if (retry is not null)
        {
            var failed = await db.Withdrawals.SingleAsync(w => w.Id == retry.FailedId, cancellationToken);
            if (!failed.MarkRetried(withdrawal.Id))
                return WithdrawalResult.Refused(WithdrawalField.None, $"Withdrawal {retry.FailedId} cannot be retried any more.");
            withdrawal.Approve(retry.OperatorId, now);
            await audit.AddAsync(db, new OperatorAction(retry.OperatorId, "Withdrawal retried", $"withdrawal {retry.FailedId}", "failed", $"sent again as withdrawal {withdrawal.Id}"), cancellationToken);
        }
        else if (await review.UntilAsync(db, request.UserId, cancellationToken) is { } reviewedUntil)
            withdrawal.HoldForApproval(now, ManualCreditReview.Waits(reviewedUntil));
        else if (withdrawal.Amount > checkedRequest.Coin.ApprovalThreshold)
            withdrawal.HoldForApproval(now);
        else
            withdrawal.Approve(null, now);
        WithdrawalNotices.Add(db, withdrawal, null, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException) when (retry is not null)
        {
            return WithdrawalResult.Refused(WithdrawalField.None, $"Withdrawal {retry.FailedId} was retried by someone else at the same time; nothing was done.");
        }
        await transaction.CommitAsync(cancellationToken);
        transitions.Announce(withdrawal);
        return WithdrawalResult.Ok(withdrawal);
    }
}
