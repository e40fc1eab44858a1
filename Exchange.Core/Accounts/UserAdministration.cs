using Exchange.Core.Amounts;
using Exchange.Core.Approvals;
using Exchange.Core.Audit;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Accounts;

public enum AdjustmentDirection
{
    Credit,
    Debit,
}

/// <summary>An operator's correction of a user's balance, as typed on the form (with the operator's two-factor code and the form's idempotency key).</summary>
public sealed record ManualAdjustment(string OperatorId, string UserId, string Coin, AdjustmentDirection Direction, string? Amount, string? Reason,
    string? TwoFactorCode = null, string? IdempotencyKey = null);

/// <summary>The outcome of an operator's action: done, or the one reason it was not.</summary>
/// <remarks>With <paramref name="RequestId"/>, the action waits as that request for a second operator.</remarks>
public sealed record OperatorResult(bool Succeeded, string Message, long? RequestId = null)
{
    public static OperatorResult Done(string message) => new(true, message);
    public static OperatorResult Refused(string message) => new(false, message);

    /// <summary>Refused because the operator's step-up (two-factor on, a fresh code) failed; nothing was changed.</summary>
    public static OperatorResult StepUpRefused(string message) => new(false, message) { NeedsStepUp = true };

    [System.Text.Json.Serialization.JsonIgnore]
    public bool NeedsStepUp { get; private init; }
}

/// <summary>What operators may do to a user's account; every action is audited in its own transaction.</summary>
public sealed class UserAdministration(IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue, LedgerService ledger, AuditLog audit, IExchangeEvents events,
    OperatorStepUp stepUp, OperatorRequests requests, AdjustmentFourEyes fourEyes, TimeProvider time)
{
    public const string OwnBalance = "An operator cannot adjust their own balance; another operator must do it.";

    /// <summary>
    /// Applies the adjustment at once when it passes <see cref="AdjustmentFourEyes"/>, else stores it for
    /// a second operator. The same idempotency key twice answers as the first time.
    /// </summary>
    public async Task<OperatorResult> AdjustAsync(ManualAdjustment adjustment, CancellationToken cancellationToken = default)
    {
        if (adjustment.OperatorId == adjustment.UserId)
            return await RefuseOwnAsync(adjustment, cancellationToken);
        if (OperatorRequests.KeyProblem(adjustment.IdempotencyKey) is { } badKey)
            return OperatorResult.Refused(badKey);
        if (await requests.FirstAnswerAsync(adjustment.OperatorId, adjustment.IdempotencyKey, cancellationToken) is { } first)
            return first;
        // Input mistakes first, so a typo does not spend the operator's code.
        if (string.IsNullOrWhiteSpace(adjustment.Reason))
            return OperatorResult.Refused("A manual adjustment needs a reason; the user sees it in their history.");
        if (Limits.ReasonProblem(adjustment.Reason) is { } tooLong)
            return OperatorResult.Refused(tooLong);
        if (await stepUp.ProblemAsync(adjustment.OperatorId, adjustment.TwoFactorCode, cancellationToken) is { } refusal)
            return OperatorResult.StepUpRefused(refusal);
        var coin = (await catalogue.CurrentAsync(cancellationToken)).Find(adjustment.Coin);
        if (coin is null)
            return OperatorResult.Refused(CoinList.Unknown(adjustment.Coin));
        var amount = AmountParser.Parse(adjustment.Amount, coin);
        if (!amount.IsValid)
            return OperatorResult.Refused(amount.Message!);
        var email = await EmailAsync(adjustment.UserId, cancellationToken);
        if (email is null)
            return OperatorResult.Refused("There is no such user.");
        return await RequestAsync(adjustment, coin, amount.BaseUnits, email, cancellationToken);
    }

    /// <summary>
    /// Judged and stored in one transaction under the requester's and the user's request locks (taken
    /// in one order, so two operators adjusting each other wait instead of deadlocking): adjustments
    /// asked for at the same moment count each other, and none slips under the threshold beside another.
    /// </summary>
    private async Task<OperatorResult> RequestAsync(ManualAdjustment adjustment, Coin coin, long amount, string email, CancellationToken cancellationToken)
    {
        string[] people = [.. new[] { adjustment.OperatorId, adjustment.UserId }.Order(StringComparer.Ordinal)];
        foreach (var person in people)
            await WithdrawalRequestLock.EnsureAsync(contexts, person, cancellationToken);
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var person in people)
            await WithdrawalRequestLock.TakeAsync(db, person, cancellationToken);

        var valuation = await fourEyes.ValuationAsync(db, cancellationToken);
        var signed = adjustment.Direction == AdjustmentDirection.Credit ? amount : -amount;
        var summary = $"{adjustment.Direction.ToString().ToLowerInvariant()} {coin.Format(amount)} {(signed > 0 ? "to" : "from")} {email} ({Coin.FormatUsd(valuation.Usd(coin.Symbol, amount))})";
        var request = OperatorRequest.Adjustment(adjustment.OperatorId, adjustment.IdempotencyKey, adjustment.UserId, coin.Symbol, signed, adjustment.Reason!.Trim(), summary,
            time.GetUtcNow().UtcDateTime);
        if (await fourEyes.WhyWaitAsync(db, request, valuation, cancellationToken) is { } why)
            return await WaitAsync(db, request.Waiting(OperatorRequests.WaitingFor(summary, why)), email, cancellationToken);
        return await ApplyAtOnceAsync(db, request, coin, email, cancellationToken);
    }

    private async Task<OperatorResult> WaitAsync(ExchangeDbContext db, OperatorRequest request, string email, CancellationToken cancellationToken)
    {
        db.OperatorRequests.Add(request);
        await audit.AddAsync(db, new OperatorAction(request.RequestedBy, "Manual adjustment requested", $"user {email}", After: $"pending: {request.Summary}", Reason: request.Reason),
            cancellationToken);
        if (!await OperatorRequests.TrySaveAsync(db, cancellationToken))
            return await requests.FirstAnswerAsync(request.RequestedBy, request.IdempotencyKey, cancellationToken) ?? throw new InvalidOperationException("The request was not stored.");
        await db.Database.CommitTransactionAsync(cancellationToken);
        events.Publish(new ApprovalsChanged(request.Id));
        return OperatorRequests.Answer(request);
    }

    private async Task<OperatorResult> ApplyAtOnceAsync(ExchangeDbContext db, OperatorRequest request, Coin coin, string email, CancellationToken cancellationToken)
    {
        // Stored first: a second post with the same key stops at the unique index before any money moves.
        db.OperatorRequests.Add(request.AppliedAtOnce(""));
        if (!await OperatorRequests.TrySaveAsync(db, cancellationToken))
            return await requests.FirstAnswerAsync(request.RequestedBy, request.IdempotencyKey, cancellationToken) ?? throw new InvalidOperationException("The adjustment was not stored.");
        var posted = await PostAsync(db, request, request.RequestedBy, "Manual adjustment", request.Reason, email, coin, cancellationToken);
        if (!posted.Succeeded)
            return posted;
        request.AppliedAtOnce(posted.Message);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.CommitTransactionAsync(cancellationToken);
        Published(request);
        return posted;
    }

    /// <summary>A second operator's approval of a pending adjustment: decided once, then posted through the ledger in the same transaction.</summary>
    internal async Task<OperatorResult> ApplyApprovedAsync(OperatorRequest request, string approverId, string reason, CancellationToken cancellationToken)
    {
        var coin = (await catalogue.CurrentAsync(cancellationToken)).Find(request.Coin!)!;
        var email = await EmailAsync(request.UserId!, cancellationToken) ?? request.UserId!;
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await OperatorRequests.DecideAsync(db, request.Id, OperatorRequestState.Approved, approverId, reason, time.GetUtcNow().UtcDateTime, cancellationToken: cancellationToken))
            return OperatorResult.Refused(OperatorRequests.AlreadyDecided);
        var posted = await PostAsync(db, request, approverId, "Manual adjustment approved", reason, email, coin, cancellationToken);
        if (!posted.Succeeded)
            return posted;
        await transaction.CommitAsync(cancellationToken);
        Published(request);
        return posted;
    }

    // The entry carries the requester and their reason (the user reads it); the audit names who acted and why.
    private async Task<OperatorResult> PostAsync(ExchangeDbContext db, OperatorRequest request, string actorId, string action, string auditReason, string email, Coin coin,
        CancellationToken cancellationToken)
    {
        var change = LedgerChange.Manual(request.UserId!, coin.Symbol, request.Amount, request.RequestedBy, request.Reason) with { IdempotencyKey = $"operator-request:{request.Id}" };
        var posted = await ledger.PostAsync(db, change, cancellationToken);
        if (!posted.Succeeded)
            return OperatorResult.Refused(posted.Message!);
        var entry = posted.Entry!;
        await audit.AddAsync(db, new OperatorAction(actorId, action, $"user {email}",
            $"{coin.Format(entry.AvailableAfter - request.Amount)} available", $"{coin.Format(entry.AvailableAfter)} available", auditReason), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var verb = request.Amount > 0 ? "Credited" : "Debited";
        return OperatorResult.Done($"{verb} {coin.Format(Math.Abs(request.Amount))}; {coin.Format(entry.AvailableAfter)} available now.");
    }

    private void Published(OperatorRequest request)
    {
        events.Publish(new BalanceChanged(request.UserId!, request.Coin!));
        events.Publish(new OperatorActed("Manual adjustment"));
        events.Publish(new ApprovalsChanged(request.Id));
    }

    private async Task<OperatorResult> RefuseOwnAsync(ManualAdjustment adjustment, CancellationToken cancellationToken)
    {
        var email = await EmailAsync(adjustment.UserId, cancellationToken) ?? adjustment.UserId;
        await audit.RecordAsync(new OperatorAction(adjustment.OperatorId, "Manual adjustment refused", $"user {email}",
            After: $"refused: {OwnBalance}", Reason: adjustment.Reason?.Trim()), cancellationToken);
        return OperatorResult.Refused(OwnBalance);
    }

    private async Task<string?> EmailAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
    }

    public Task<OperatorResult> LockWithdrawalsAsync(OperatorCredentials by, string userId, string? reason, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult(OperatorResult.Refused("Locking withdrawals needs a reason; the user sees it when they try to withdraw."))
            : Limits.ReasonProblem(reason) is { } tooLong ? Task.FromResult(OperatorResult.Refused(tooLong))
            : SetLockAsync(by, userId, reason.Trim(), cancellationToken);

    public Task<OperatorResult> UnlockWithdrawalsAsync(OperatorCredentials by, string userId, CancellationToken cancellationToken = default) =>
        SetLockAsync(by, userId, null, cancellationToken);

    private async Task<OperatorResult> SetLockAsync(OperatorCredentials by, string userId, string? reason, CancellationToken cancellationToken)
    {
        if (await stepUp.ProblemAsync(by, cancellationToken) is { } problem)
            return OperatorResult.StepUpRefused(problem);
        var operatorId = by.OperatorId;
        await using var db = contexts.CreateDbContext();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
            return OperatorResult.Refused("There is no such user.");
        var verb = reason is null ? "unlock" : "lock";
        if (userId == operatorId)
        {
            await audit.RecordAsync(new OperatorAction(operatorId, $"Refused: withdrawal {verb}", $"user {user.Email}", State(user), "unchanged", "own withdrawals"), cancellationToken);
            return OperatorResult.Refused($"You cannot {verb} your own withdrawals; another operator must.");
        }
        if (user.WithdrawalsLocked == (reason is not null))
            return OperatorResult.Refused(user.WithdrawalsLocked ? "Withdrawals are already locked." : "Withdrawals are not locked.");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = State(user);
        user.WithdrawalsLockedReason = reason;
        await audit.AddAsync(db, new OperatorAction(operatorId, reason is null ? "Withdrawals unlocked" : "Withdrawals locked", $"user {user.Email}",
            before, State(user), reason), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Publish(new OperatorActed(reason is null ? "Withdrawals unlocked" : "Withdrawals locked"));
        return OperatorResult.Done(reason is null ? "Withdrawals unlocked." : "Withdrawals locked.");
    }

    private static string State(ExchangeUser user) => user.WithdrawalsLocked ? $"locked: {user.WithdrawalsLockedReason}" : "unlocked";
}
