using Exchange.Core.Data;
using Exchange.Core.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Withdrawals;

/// <summary>What a user does with withdrawals: requests one, and cancels one nothing was sent to Hub for yet.</summary>
public sealed class UserWithdrawalCommands(
    IDbContextFactory<ExchangeDbContext> contexts, WithdrawalValidator validator, WithdrawalTwoFactorRule twoFactor,
    WithdrawalCreation creation, WithdrawalTransitions transitions)
{
    /// <summary>
    /// Validates, applies the two-factor rule, creates the withdrawal and reserves its amount; above
    /// the coin's threshold, or from an account credited by hand lately (<see cref="ManualCreditReview"/>),
    /// it waits for an operator. A key seen before answers with its withdrawal.
    /// </summary>
    public async Task<WithdrawalResult> RequestAsync(WithdrawalRequest request, CancellationToken cancellationToken = default)
    {
        if (RequestKeys.Problem(request.IdempotencyKey) is { } keyProblem)
            return WithdrawalResult.Refused(WithdrawalField.IdempotencyKey, keyProblem);
        if (await ByKeyAsync(request, cancellationToken) is { } earlier)
            return WithdrawalResult.Ok(earlier);
        // Checked first without the lock, so that bad input does not spend the user's code.
        var asTyped = await validator.ValidateAsync(request, cancellationToken);
        if (asTyped.Problems.Count > 0)
            return WithdrawalResult.Refused(asTyped.Problems);
        var codeChecked = await twoFactor.IsOnAsync(request.UserId, cancellationToken);
        if (codeChecked && await twoFactor.CodeProblemAsync(request.UserId, request.TwoFactorCode, cancellationToken) is { } codeProblem)
            // The code may have been spent by a double submission of this very request.
            return await ByKeyAsync(request, cancellationToken) is { } raced ? WithdrawalResult.Ok(raced) : WithdrawalResult.Refused([codeProblem]);
        try
        {
            return await creation.CreateAsync(request, null, codeChecked, cancellationToken);
        }
        catch (DbUpdateException) when (request.IdempotencyKey is not null)
        {
            // A concurrent request with the same key won the unique index: answer with its withdrawal.
            if (await ByKeyAsync(request, cancellationToken) is not { } winner) throw;
            return WithdrawalResult.Ok(winner);
        }
    }

    private async Task<Withdrawal?> ByKeyAsync(WithdrawalRequest request, CancellationToken cancellationToken)
    {
        if (request.IdempotencyKey is null) return null;
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().SingleOrDefaultAsync(w => w.UserId == request.UserId && w.RequestKey == request.IdempotencyKey, cancellationToken);
    }

    /// <summary>A user's cancellation of a withdrawal not yet sent to Hub (<see cref="WithdrawalCancellation"/> decides which cancel applies).</summary>
    public Task<WithdrawalResult> CancelAsync(long id, string userId, CancellationToken cancellationToken = default) =>
        transitions.TransitionAsync(id, "cancel", (w, now) => w.UserId == userId && w.State.IsCancellableLocally() && w.Cancel("Cancelled by you.", now),
            w => WithdrawalPostings.Refund(w, LedgerCause.User), cancellationToken);
}
