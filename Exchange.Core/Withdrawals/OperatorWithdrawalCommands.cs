using System.Globalization;
using Exchange.Core.Accounts;
using Exchange.Core.Audit;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Withdrawals;

/// <summary>
/// What an operator does to a withdrawal: approves one awaiting approval, rejects one not yet sent
/// to Hub, sends a failed one again. Each passes <see cref="RefusalAsync"/> first.
/// </summary>
public sealed class OperatorWithdrawalCommands(
    IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue, OperatorStepUp stepUp, ManualCreditReview review, AuditLog audit,
    WithdrawalQueries queries, WithdrawalCreation creation, WithdrawalTransitions transitions)
{
    /// <summary>An operator's act on a withdrawal: how messages and the audit log name it, and what it says when its reason is missing (null: it takes none).</summary>
    internal sealed record Act(string Verb, string Noun, string? NoReason)
    {
        public static readonly Act Approval = new("approve", "approval", "An approval needs a reason for the audit log (what was checked).");
        public static readonly Act Rejection = new("reject", "rejection", "A rejection needs a reason the user can read.");
        public static readonly Act Retry = new("retry", "retry", null);
        public static readonly Act Resolution = new("resolve", "resolution", null);
    }

    /// <summary>An operator lets a withdrawal above the threshold go ahead, noting what was checked.</summary>
    public async Task<WithdrawalResult> ApproveAsync(long id, OperatorCredentials by, string reason, CancellationToken cancellationToken = default)
    {
        if (await RefusalAsync(id, by, Act.Approval, reason, cancellationToken) is { } refused)
            return refused;
        if (await CreditorRefusalAsync(id, by.OperatorId, cancellationToken) is { } creditor)
            return creditor;
        var operatorId = by.OperatorId;
        var coins = await catalogue.CurrentAsync(cancellationToken);
        return await transitions.TransitionAsync(id, "approve", (w, now) => w.State == WithdrawalState.AwaitingApproval && w.Approve(operatorId, now), null, cancellationToken,
            (w, from) => new OperatorAction(operatorId, "Withdrawal approved", Subject(w, coins), from.Describe(), "approved", reason.Trim()));
    }

    /// <summary>An operator's refusal of a withdrawal not yet sent to Hub: one awaiting approval, or an approved one held by a lock.</summary>
    public async Task<WithdrawalResult> RejectAsync(long id, OperatorCredentials by, string reason, CancellationToken cancellationToken = default)
    {
        if (await RefusalAsync(id, by, Act.Rejection, reason, cancellationToken) is { } refused)
            return refused;
        var operatorId = by.OperatorId;
        var coins = await catalogue.CurrentAsync(cancellationToken);
        return await transitions.TransitionAsync(id, "reject",
            (w, now) => w.State is WithdrawalState.AwaitingApproval or WithdrawalState.Approved && w.Cancel($"Rejected by an operator: {reason.Trim()}", now),
            w => WithdrawalPostings.Refund(w, LedgerCause.Operator, operatorId), cancellationToken,
            (w, from) => new OperatorAction(operatorId, "Withdrawal rejected", Subject(w, coins), from.Describe(), "cancelled and refunded", reason.Trim()));
    }

    /// <summary>
    /// An operator sends a withdrawal that failed before Hub took it again, as a new withdrawal with
    /// the same user, amount and address: reserved afresh (the failure refunded it) and approved.
    /// </summary>
    public async Task<WithdrawalResult> RetryAsync(long id, OperatorCredentials by, CancellationToken cancellationToken = default)
    {
        if (await RefusalAsync(id, by, Act.Retry, null, cancellationToken) is { } refused)
            return refused;
        var operatorId = by.OperatorId;
        var failed = await queries.FindAsync(id, cancellationToken);
        if (failed is null || failed.State != WithdrawalState.Failed || failed.HubUuid is not null)
            return WithdrawalResult.Refused(WithdrawalField.None, $"Only a withdrawal that failed before Hub took it can be retried; {id} is {(failed is null ? "unknown" : failed.State.Describe())}.");
        if (failed.RetriedAs is { } again)
            return WithdrawalResult.Refused(WithdrawalField.None, $"Withdrawal {id} was already sent again as withdrawal {again}.");
        var amount = (await catalogue.CurrentAsync(cancellationToken)).BySymbol(failed.Coin).ToDisplayUnits(failed.Amount).ToString(CultureInfo.InvariantCulture);
        return await creation.CreateAsync(new WithdrawalRequest(failed.UserId, failed.Coin, amount, failed.Address), new WithdrawalCreation.Retry(id, operatorId),
            codeChecked: false, cancellationToken);
    }

    /// <summary>
    /// What every operator act on a withdrawal passes first: its reason when it takes one, the
    /// operator's step-up, then the rule that no one acts on their own withdrawal (refused and
    /// audited). Null when the act may go on.
    /// </summary>
    internal async Task<WithdrawalResult?> RefusalAsync(long id, OperatorCredentials by, Act act, string? reason, CancellationToken cancellationToken)
    {
        if (act.NoReason is { } noReason)
        {
            if (string.IsNullOrWhiteSpace(reason))
                return WithdrawalResult.Refused(WithdrawalField.None, noReason);
            if (Limits.ReasonProblem(reason) is { } tooLong)
                return WithdrawalResult.Refused(WithdrawalField.None, tooLong);
        }
        if (await stepUp.ProblemAsync(by, cancellationToken) is { } problem)
            return WithdrawalResult.StepUpRefused(problem);
        // An unknown withdrawal is left to the act itself, which says why it cannot act.
        var withdrawal = await queries.FindAsync(id, cancellationToken);
        if (withdrawal is null || withdrawal.UserId != by.OperatorId)
            return null;
        var coins = await catalogue.CurrentAsync(cancellationToken);
        await audit.RecordAsync(new OperatorAction(by.OperatorId, $"Refused: withdrawal {act.Noun}", Subject(withdrawal, coins), withdrawal.State.Describe(),
            "unchanged", "own withdrawal"), cancellationToken);
        return WithdrawalResult.Refused(WithdrawalField.None, $"You cannot {act.Verb} your own withdrawal; another operator must.");
    }

    /// <summary>Refused and audited when the operator asked for or approved a recent manual credit to the withdrawal's account.</summary>
    private async Task<WithdrawalResult?> CreditorRefusalAsync(long id, string operatorId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var withdrawal = await db.Withdrawals.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (withdrawal is null || !await review.CreditedByAsync(db, withdrawal, operatorId, cancellationToken))
            return null;
        var coins = await catalogue.CurrentAsync(cancellationToken);
        await audit.RecordAsync(new OperatorAction(operatorId, "Refused: withdrawal approval", Subject(withdrawal, coins), withdrawal.State.Describe(),
            "unchanged", "credited the account"), cancellationToken);
        return WithdrawalResult.Refused(WithdrawalField.None, ManualCreditReview.OwnCredit);
    }

    private static string Subject(Withdrawal w, CoinList coins) => $"withdrawal {w.Id} ({coins.BySymbol(w.Coin).Format(w.Amount)})";
}
