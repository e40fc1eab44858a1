using Exchange.Core.Amounts;
using Exchange.Core.Audit;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Core.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Accounts;

public enum AdjustmentDirection
{
    Credit,
    Debit,
}

/// <summary>An operator's correction of a user's balance, as typed on the form.</summary>
public sealed record ManualAdjustment(string OperatorId, string UserId, string Coin, AdjustmentDirection Direction, string? Amount, string? Reason);

/// <summary>The outcome of an operator's action: done, or the one reason it was not.</summary>
public sealed record OperatorResult(bool Succeeded, string Message)
{
    public static OperatorResult Done(string message) => new(true, message);
    public static OperatorResult Refused(string message) => new(false, message);

    /// <summary>Refused because the operator's step-up (two-factor on, a fresh code) failed; nothing was changed.</summary>
    public static OperatorResult StepUpRefused(string message) => new(false, message) { NeedsStepUp = true };

    [System.Text.Json.Serialization.JsonIgnore]
    public bool NeedsStepUp { get; private init; }
}

/// <summary>What operators may do to a user's account; every action is audited in its own transaction.</summary>
public sealed class UserAdministration(
    IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue, LedgerService ledger, AuditLog audit, IExchangeEvents events, OperatorStepUp stepUp)
{
    public async Task<OperatorResult> AdjustAsync(ManualAdjustment adjustment, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(adjustment.Reason))
            return OperatorResult.Refused("A manual adjustment needs a reason; the user sees it in their history.");
        await using var db = contexts.CreateDbContext();
        var coin = (await catalogue.CurrentAsync(cancellationToken)).Find(adjustment.Coin);
        if (coin is null)
            return OperatorResult.Refused(CoinList.Unknown(adjustment.Coin));
        var amount = AmountParser.Parse(adjustment.Amount, coin);
        if (!amount.IsValid)
            return OperatorResult.Refused(amount.Message!);
        var email = await db.Users.Where(u => u.Id == adjustment.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        if (email is null)
            return OperatorResult.Refused("There is no such user.");

        var signed = adjustment.Direction == AdjustmentDirection.Credit ? amount.BaseUnits : -amount.BaseUnits;
        var reason = adjustment.Reason.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var posted = await ledger.PostAsync(db, LedgerChange.Manual(adjustment.UserId, coin.Symbol, signed, adjustment.OperatorId, reason), cancellationToken);
        if (!posted.Succeeded)
            return OperatorResult.Refused(posted.Message!);
        var entry = posted.Entry!;
        await audit.AddAsync(db, new OperatorAction(adjustment.OperatorId, "Manual adjustment", $"user {email}",
            $"{coin.Format(entry.AvailableAfter - signed)} available", $"{coin.Format(entry.AvailableAfter)} available", reason), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Publish(new BalanceChanged(adjustment.UserId, coin.Symbol));
        events.Publish(new OperatorActed("Manual adjustment"));
        var verb = adjustment.Direction == AdjustmentDirection.Credit ? "Credited" : "Debited";
        return OperatorResult.Done($"{verb} {coin.Format(amount.BaseUnits)}; {coin.Format(entry.AvailableAfter)} available now.");
    }

    public Task<OperatorResult> LockWithdrawalsAsync(OperatorCredentials by, string userId, string? reason, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult(OperatorResult.Refused("Locking withdrawals needs a reason; the user sees it when they try to withdraw."))
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
