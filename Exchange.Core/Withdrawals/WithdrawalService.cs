using System.Globalization;
using Exchange.Core.Accounts;
using Exchange.Core.Audit;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Core.Ledger;
using Exchange.Core.Notices;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Withdrawals;

/// <summary>
/// Every change to a withdrawal goes through here: the state transition and its ledger posting
/// commit in one transaction, or neither does; once committed, pages showing it are told.
/// </summary>
public sealed class WithdrawalService(
    IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue, LedgerService ledger, WithdrawalValidator validator, WithdrawalTwoFactorRule twoFactor,
    AuditLog audit, IExchangeEvents events, TimeProvider time, OperatorStepUp stepUp, ManualCreditReview review)
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
            return await CreateAsync(request, null, codeChecked, cancellationToken);
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

    /// <summary>
    /// An operator sends a withdrawal that failed before Hub took it again, as a new withdrawal with
    /// the same user, amount and address: reserved afresh (the failure refunded it) and approved.
    /// </summary>
    public async Task<WithdrawalResult> RetryAsync(long id, OperatorCredentials by, CancellationToken cancellationToken = default)
    {
        if (await OperatorRefusalAsync(id, by, "retry", cancellationToken) is { } refused)
            return refused;
        var operatorId = by.OperatorId;
        var failed = await FindAsync(id, cancellationToken);
        if (failed is null || failed.State != WithdrawalState.Failed || failed.HubUuid is not null)
            return WithdrawalResult.Refused(WithdrawalField.None, $"Only a withdrawal that failed before Hub took it can be retried; {id} is {(failed is null ? "unknown" : Describe(failed.State))}.");
        if (failed.RetriedAs is { } again)
            return WithdrawalResult.Refused(WithdrawalField.None, $"Withdrawal {id} was already sent again as withdrawal {again}.");
        var amount = (await catalogue.CurrentAsync(cancellationToken)).BySymbol(failed.Coin).ToDisplayUnits(failed.Amount).ToString(CultureInfo.InvariantCulture);
        return await CreateAsync(new WithdrawalRequest(failed.UserId, failed.Coin, amount, failed.Address), new Retry(id, operatorId), codeChecked: false, cancellationToken);
    }

    public async Task<Withdrawal?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
    }

    private sealed record Retry(long FailedId, string OperatorId);

    /// <summary>
    /// What every operator action on a withdrawal passes first: the operator's step-up, then the rule
    /// that no one acts on their own withdrawal (refused and audited). Null when the action may go on.
    /// </summary>
    internal async Task<WithdrawalResult?> OperatorRefusalAsync(long id, OperatorCredentials by, string verb, CancellationToken cancellationToken)
    {
        if (await stepUp.ProblemAsync(by, cancellationToken) is { } problem)
            return WithdrawalResult.StepUpRefused(problem);
        // An unknown withdrawal is left to the action itself, which says why it cannot act.
        var withdrawal = await FindAsync(id, cancellationToken);
        if (withdrawal is null || withdrawal.UserId != by.OperatorId)
            return null;
        var coins = await catalogue.CurrentAsync(cancellationToken);
        await audit.RecordAsync(new OperatorAction(by.OperatorId, $"Refused: withdrawal {Noun(verb)}", Subject(withdrawal, coins), Describe(withdrawal.State),
            "unchanged", "own withdrawal"), cancellationToken);
        return WithdrawalResult.Refused(WithdrawalField.None, $"You cannot {verb} your own withdrawal; another operator must.");
    }

    /// <summary>Refused and audited when the operator asked for or approved a recent manual credit to the withdrawal's account.</summary>
    private async Task<WithdrawalResult?> CreditorRefusalAsync(long id, string operatorId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var withdrawal = await db.Withdrawals.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (withdrawal is null || !await review.CreditedByAsync(db, withdrawal, operatorId, cancellationToken))
            return null;
        var coins = await catalogue.CurrentAsync(cancellationToken);
        await audit.RecordAsync(new OperatorAction(operatorId, "Refused: withdrawal approval", Subject(withdrawal, coins), Describe(withdrawal.State),
            "unchanged", "credited the account"), cancellationToken);
        return WithdrawalResult.Refused(WithdrawalField.None, ManualCreditReview.OwnCredit);
    }

    private static string Noun(string verb) => verb switch
    {
        "approve" => "approval",
        "reject" => "rejection",
        "resolve" => "resolution",
        _ => verb,
    };

    private async Task<WithdrawalResult> CreateAsync(WithdrawalRequest request, Retry? retry, bool codeChecked, CancellationToken cancellationToken)
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

        var now = Now;
        var withdrawal = Withdrawal.Request(request.UserId, checkedRequest.Coin!.Symbol, checkedRequest.Amount, checkedRequest.Address!, now, request.IdempotencyKey);
        db.Withdrawals.Add(withdrawal);
        await db.SaveChangesAsync(cancellationToken);

        var reserved = await ledger.PostAsync(db, Reserve(withdrawal), cancellationToken);
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
        Announce(withdrawal);
        return WithdrawalResult.Ok(withdrawal);
    }

    /// <summary>The user's withdrawals, newest first.</summary>
    public async Task<IReadOnlyList<Withdrawal>> ForUserAsync(string userId, int count = 20, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().Where(w => w.UserId == userId).OrderByDescending(w => w.Id).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>One of the user's withdrawals; null when there is none with that id or it is another user's.</summary>
    public async Task<Withdrawal?> FindForUserAsync(string userId, long id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id && w.UserId == userId, cancellationToken);
    }

    /// <summary>All of the user's withdrawals that are not final yet, however old, newest first.</summary>
    public async Task<IReadOnlyList<Withdrawal>> OpenForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().Where(w => w.UserId == userId && !WithdrawalStates.Final.Contains(w.State))
            .OrderByDescending(w => w.Id).ToListAsync(cancellationToken);
    }

    /// <summary>All of the user's withdrawals in one state, oldest first.</summary>
    public async Task<IReadOnlyList<Withdrawal>> ForUserInStateAsync(string userId, WithdrawalState state, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().Where(w => w.UserId == userId && w.State == state).OrderBy(w => w.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Withdrawals in one state, oldest first: the operators' queues.</summary>
    public async Task<IReadOnlyList<Withdrawal>> InStateAsync(WithdrawalState state, int count = 100, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().Where(w => w.State == state).OrderBy(w => w.Id).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>An operator lets a withdrawal above the threshold go ahead, noting what was checked.</summary>
    public async Task<WithdrawalResult> ApproveAsync(long id, OperatorCredentials by, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
            return WithdrawalResult.Refused(WithdrawalField.None, "An approval needs a reason for the audit log (what was checked).");
        if (Limits.ReasonProblem(reason) is { } tooLong)
            return WithdrawalResult.Refused(WithdrawalField.None, tooLong);
        if (await OperatorRefusalAsync(id, by, "approve", cancellationToken) is { } refused)
            return refused;
        if (await CreditorRefusalAsync(id, by.OperatorId, cancellationToken) is { } creditor)
            return creditor;
        var operatorId = by.OperatorId;
        var coins = await catalogue.CurrentAsync(cancellationToken);
        return await TransitionAsync(id, "approve", (w, now) => w.State == WithdrawalState.AwaitingApproval && w.Approve(operatorId, now), null, cancellationToken,
            (w, from) => new OperatorAction(operatorId, "Withdrawal approved", Subject(w, coins), Describe(from), "approved", reason.Trim()));
    }

    public async Task<IReadOnlyDictionary<WithdrawalState, int>> CountByStateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.GroupBy(w => w.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    /// <summary>Withdrawals in any of <paramref name="states"/>, newest change first.</summary>
    public async Task<IReadOnlyList<Withdrawal>> RecentInAsync(IReadOnlyCollection<WithdrawalState> states, int count = 100, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().Where(w => states.Contains(w.State)).OrderByDescending(w => w.UpdatedAt).ThenByDescending(w => w.Id)
            .Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>An operator's refusal of a withdrawal not yet sent to Hub: one awaiting approval, or an approved one held by a lock.</summary>
    public async Task<WithdrawalResult> RejectAsync(long id, OperatorCredentials by, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
            return WithdrawalResult.Refused(WithdrawalField.None, "A rejection needs a reason the user can read.");
        if (Limits.ReasonProblem(reason) is { } tooLong)
            return WithdrawalResult.Refused(WithdrawalField.None, tooLong);
        if (await OperatorRefusalAsync(id, by, "reject", cancellationToken) is { } refused)
            return refused;
        var operatorId = by.OperatorId;
        var coins = await catalogue.CurrentAsync(cancellationToken);
        return await TransitionAsync(id, "reject",
            (w, now) => w.State is WithdrawalState.AwaitingApproval or WithdrawalState.Approved && w.Cancel($"Rejected by an operator: {reason.Trim()}", now),
            w => Refund(w, LedgerCause.Operator, operatorId), cancellationToken,
            (w, from) => new OperatorAction(operatorId, "Withdrawal rejected", Subject(w, coins), Describe(from), "cancelled and refunded", reason.Trim()));
    }

    /// <summary>A user's cancellation of a withdrawal not yet sent to Hub.</summary>
    public Task<WithdrawalResult> CancelAsync(long id, string userId, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "cancel", (w, now) => w.UserId == userId && w.State.IsCancellableLocally() && w.Cancel("Cancelled by you.", now),
            w => Refund(w, LedgerCause.User), cancellationToken);

    /// <summary>Hub confirmed UserWithdrawCancel for a submitted withdrawal: refund it.</summary>
    public Task<WithdrawalResult> ConfirmHubCancelAsync(long id, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "cancel", (w, now) => w.State == WithdrawalState.Submitted && w.Cancel("Cancelled by you.", now),
            w => Refund(w, LedgerCause.Job), cancellationToken);

    /// <summary>Recorded before UserWithdrawCancel is sent, so a lost answer is settled later (<see cref="WithdrawalProcessor"/>).</summary>
    public Task<WithdrawalResult> MarkCancelRequestedAsync(long id, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "cancel", (w, now) => w.RequestCancel(now), null, cancellationToken);

    /// <summary>Hub did not cancel it: the pending cancel is dropped and the withdrawal goes ahead.</summary>
    public Task<WithdrawalResult> DropCancelRequestAsync(long id, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "follow on", (w, _) => w.DropCancelRequest(), null, cancellationToken);

    /// <summary>
    /// A new attempt to send it to Hub: the result's withdrawal carries the attempt's number
    /// (<see cref="Withdrawal.SubmitAttempt"/>), which every transition below must give.
    /// </summary>
    public Task<WithdrawalResult> BeginSubmitAsync(long id, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "submit", (w, now) => w.BeginSubmit(now), null, cancellationToken);

    public Task<WithdrawalResult> MarkSubmittedAsync(long id, int attempt, string hubUuid, OperatorAction? resolvedBy = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, $"record attempt {attempt}'s Hub UUID for", (w, now) => w.MarkSubmitted(hubUuid, attempt, now), null, cancellationToken,
            resolvedBy is null ? null : (_, _) => resolvedBy);

    public Task<WithdrawalResult> MarkUnknownAsync(long id, int attempt, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, $"mark attempt {attempt} unknown for", (w, now) => w.MarkUnknown(attempt, now), null, cancellationToken);

    public Task<WithdrawalResult> RequeueAsync(long id, int attempt, string reason, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, $"requeue after attempt {attempt}", (w, now) => w.Requeue(reason, attempt, now), null, cancellationToken);

    public Task<WithdrawalResult> ReturnToApprovedAsync(long id, int attempt, OperatorAction? resolvedBy = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, $"resubmit after attempt {attempt}", (w, now) => w.ReturnToApproved(attempt, now), null, cancellationToken,
            resolvedBy is null ? null : (_, _) => resolvedBy);

    public Task<WithdrawalResult> FailAsync(long id, int attempt, string reason, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, $"fail after attempt {attempt}", (w, now) => w.Fail(reason, attempt, now), w => Refund(w, LedgerCause.Job), cancellationToken);

    public Task<WithdrawalResult> MarkSweptAsync(long id, string bundleHash, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "mark swept", (w, now) => w.MarkSwept(bundleHash, now), null, cancellationToken);

    public Task<WithdrawalResult> CompleteAsync(long id, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, "complete", (w, now) => w.Complete(now), Consume, cancellationToken);

    private async Task<WithdrawalResult> TransitionAsync(
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
            return WithdrawalResult.Refused(WithdrawalField.None, $"Cannot {verb} withdrawal {id}: it is {Describe(from)}{AttemptOf(withdrawal)}.");
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

    private void Announce(Withdrawal w) => events.Publish(new WithdrawalChanged(w.UserId, w.Id, w.State.ToString()));

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    internal static string Describe(WithdrawalState state) => state switch
    {
        WithdrawalState.AwaitingApproval => "awaiting approval",
        WithdrawalState.Swept => "already in a Hub sweep",
        _ => state.ToString().ToLowerInvariant(),
    };

    // A refused transition of an attempt says which attempt the withdrawal is at now.
    private static string AttemptOf(Withdrawal w) => w.State is WithdrawalState.Submitting or WithdrawalState.Unknown ? $" (attempt {w.SubmitAttempt})" : "";

    private static string Reference(Withdrawal w) => $"withdrawal:{w.Id}";

    private static string Subject(Withdrawal w, CoinList coins) => $"withdrawal {w.Id} ({coins.BySymbol(w.Coin).Format(w.Amount)})";

    private static LedgerChange Reserve(Withdrawal w) =>
        new(w.UserId, w.Coin, LedgerEntryKind.WithdrawalReserve, -w.Amount, w.Amount, LedgerCause.User, Reference(w), $"withdrawal:{w.Id}:reserve");

    private static LedgerChange Refund(Withdrawal w, LedgerCause cause, string? operatorId = null) =>
        new(w.UserId, w.Coin, LedgerEntryKind.WithdrawalRefund, w.Amount, -w.Amount, cause, Reference(w), $"withdrawal:{w.Id}:refund",
            operatorId, w.Reason);

    private static LedgerChange Consume(Withdrawal w) =>
        new(w.UserId, w.Coin, LedgerEntryKind.WithdrawalCompleted, 0, -w.Amount, LedgerCause.Job, Reference(w), $"withdrawal:{w.Id}:completed");
}
