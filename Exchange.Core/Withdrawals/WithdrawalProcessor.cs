using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Exchange.Core.HubSync;
using Exchange.Core.Jobs;
using Exchange.Hub;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Withdrawals;

public sealed record WithdrawalRunResult(int Submitted, int Failed, int Waiting, int Unknown, int Swept, int Completed, int Reconciled, int Held = 0,
    int CancelsSettled = 0, int Late = 0) : IJobResult
{
    public string Summary =>
        $"{Submitted} submitted, {Failed} refused by Hub, {Waiting} waiting (hot-wallet funds or the IOTA node), {Unknown} unknown, {Swept} swept, {Completed} confirmed, {Reconciled} reconciled"
        + (Held > 0 ? $", {Held} held (the user's withdrawals are locked)" : "")
        + (CancelsSettled > 0 ? $", {CancelsSettled} cancels settled" : "")
        + (Late > 0 ? $", {Late} not sent (held up past the deadline of the call, queued again)" : "");

    // Waiting and held withdrawals stay where they were: every run counts them again.
    public bool DidWork => Submitted + Failed + Unknown + Swept + Completed + Reconciled + CancelsSettled + Late > 0;
}

/// <summary>
/// Carries withdrawals through Hub: Approved ones are sent with UserWithdraw from the hot wallet,
/// then followed to their sweep and its confirmation. A call whose outcome is unknown is never
/// sent again blindly: the withdrawal waits in Unknown until the hot wallet's history shows
/// whether Hub made it (<see cref="UnknownWithdrawals"/>). Each call is an attempt with a number and
/// a deadline (<see cref="SubmitAttempt"/>): a call is made only before its deadline, and its outcome
/// is recorded only while no newer attempt has begun. Approved withdrawals of a user whose
/// withdrawals an operator has locked are held, not sent, until the lock is lifted. A user's
/// cancel whose answer from Hub was lost is settled with WasWithdrawalCancelled after the grace
/// period: refunded when Hub cancelled it, followed on when not.
/// </summary>
public sealed class WithdrawalProcessor(IDbContextFactory<ExchangeDbContext> contexts, IHubClient hub, HubWithdrawalSteps withdrawals, WithdrawalQueries queries, UnknownWithdrawals unknown,
    IOptions<HubSyncOptions> options, IOptions<HubOptions> hubOptions, TimeProvider time, ISyncCheckpoints checkpoints, ILogger<WithdrawalProcessor> logger)
{
    public const string SweepCursorName = "withdrawal-sweeps";
    private const int BatchSize = 50;
    private static readonly TimeSpan AskEachAfter = TimeSpan.FromMinutes(10);

    public async Task<WithdrawalRunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var result = new WithdrawalRunResult(0, 0, 0, 0, 0, 0, 0);
        // Left in Submitting by a run that stopped mid-call (a crash, a restart): its outcome is unknown.
        foreach (var w in await InStateAsync(WithdrawalState.Submitting, cancellationToken))
            if (w.UpdatedAt <= Now - options.Value.UnknownOutcomeGrace && await MovedAsync(withdrawals.MarkUnknownAsync(w.Id, w.SubmitAttempt, cancellationToken)))
                result = result with { Unknown = result.Unknown + 1 };
        result = await ReconcileAsync(result, cancellationToken);
        var (approved, held) = await ApprovedAsync(cancellationToken);
        result = result with { Held = held };
        if (approved.Count > 0) await hub.CreateUserAsync(options.Value.HotWalletUserId, cancellationToken);
        foreach (var w in approved)
            result = await SubmitAsync(w, result, cancellationToken);
        result = await SettleCancelsAsync(result, cancellationToken);
        result = await FollowSubmittedAsync(result, cancellationToken);
        return await FollowSweptAsync(result, cancellationToken);
    }

    // One SweepSubscription call finds the sweeps of every submitted withdrawal Hub swept since
    // the last round. A withdrawal none of them names for long is asked about on its own, in case
    // its sweep fell outside the subscription's window.
    private async Task<WithdrawalRunResult> FollowSubmittedAsync(WithdrawalRunResult result, CancellationToken cancellationToken)
    {
        var submitted = await InStateAsync(WithdrawalState.Submitted, cancellationToken);
        if (submitted.Count == 0) return result;
        result = result with { Swept = result.Swept + await MarkNewlySweptAsync(cancellationToken) };
        foreach (var w in submitted.Where(w => w.UpdatedAt <= Now - AskEachAfter))
        {
            using var scope = ScopeOf(w);
            if (await hub.SweepInfoByWithdrawalAsync(w.HubUuid!, cancellationToken) is { } sweep && await MovedAsync(withdrawals.MarkSweptAsync(w.Id, sweep.BundleHash, cancellationToken)))
                result = result with { Swept = result.Swept + 1 };
        }
        return result;
    }

    /// <summary>Marks swept the submitted withdrawals that Hub's sweeps since the cursor name; the cursor moves on once they are.</summary>
    private async Task<int> MarkNewlySweptAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var cursor = await db.HubCursors.FindAsync([SweepCursorName], cancellationToken) ?? db.HubCursors.Add(new HubCursor { Name = SweepCursorName }).Entity;
        var sweeps = await hub.SweepSubscriptionAsync(Math.Max(0, cursor.Timestamp - (long)options.Value.CursorLag.TotalMilliseconds), cancellationToken);
        var bundleOf = sweeps.SelectMany(s => s.WithdrawalUuids.Select(uuid => (uuid, s.BundleHash))).DistinctBy(p => p.uuid).ToDictionary(p => p.uuid, p => p.BundleHash);
        var uuids = bundleOf.Keys.ToList();
        var named = uuids.Count == 0 ? [] : await db.Withdrawals.AsNoTracking()
            .Where(w => w.State == WithdrawalState.Submitted && uuids.Contains(w.HubUuid!)).OrderBy(w => w.Id).ToListAsync(cancellationToken);
        var swept = 0;
        foreach (var w in named)
        {
            using var scope = ScopeOf(w);
            if (await MovedAsync(withdrawals.MarkSweptAsync(w.Id, bundleOf[w.HubUuid!], cancellationToken))) swept++;
        }
        if (sweeps.Count > 0) cursor.Timestamp = Math.Max(cursor.Timestamp, sweeps.Max(s => s.Timestamp));
        await db.SaveChangesAsync(cancellationToken);
        return swept;
    }

    // Withdrawals of one sweep share one SweepDetail call.
    private async Task<WithdrawalRunResult> FollowSweptAsync(WithdrawalRunResult result, CancellationToken cancellationToken)
    {
        var confirmed = new Dictionary<string, bool>();
        foreach (var w in await InStateAsync(WithdrawalState.Swept, cancellationToken))
        {
            using var scope = ScopeOf(w);
            if (!confirmed.TryGetValue(w.SweepBundleHash!, out var isConfirmed))
                confirmed[w.SweepBundleHash!] = isConfirmed = (await hub.SweepDetailAsync(w.SweepBundleHash!, cancellationToken))?.Confirmed == true;
            if (isConfirmed && await MovedAsync(withdrawals.CompleteAsync(w.Id, cancellationToken)))
                result = result with { Completed = result.Completed + 1 };
        }
        return result;
    }

    /// <summary>Whatever is logged while one withdrawal is worked on (Hub calls, failures) names it.</summary>
    private IDisposable? ScopeOf(Withdrawal w) => logger.BeginScope("Withdrawal {WithdrawalId}", w.Id);

    private async Task<WithdrawalRunResult> SubmitAsync(Withdrawal w, WithdrawalRunResult result, CancellationToken cancellationToken)
    {
        using var scope = ScopeOf(w);
        var begun = await withdrawals.BeginSubmitAsync(w.Id, cancellationToken);
        if (!begun.Succeeded) return result;
        var attempt = SubmitAttempt.Of(begun.Withdrawal!, options.Value.UnknownOutcomeGrace, TimeSpan.FromSeconds(hubOptions.Value.TimeoutSeconds));
        await checkpoints.ReachedAsync(Checkpoints.WithdrawalBegun);
        if (Now > attempt.Deadline)
            return await GiveUpAsync(attempt, result, cancellationToken);
        var outcome = await CallHubAsync(w, cancellationToken);
        await checkpoints.ReachedAsync(Checkpoints.WithdrawalSent);
        return await RecordAsync(attempt, outcome, result, cancellationToken);
    }

    // Hub was not called, so the withdrawal may simply go back in the queue, unless the attempt
    // has been judged meanwhile (then the fence refuses, and reconciliation settles it).
    private async Task<WithdrawalRunResult> GiveUpAsync(SubmitAttempt attempt, WithdrawalRunResult result, CancellationToken cancellationToken)
    {
        logger.LogWarning("Attempt {Attempt} was held up past the deadline of its call ({Deadline:O}) and did not call Hub", attempt.Number, attempt.Deadline);
        var requeued = await withdrawals.RequeueAsync(attempt.WithdrawalId, attempt.Number, "Waiting to be sent to IOTA Hub again.", cancellationToken);
        return requeued.Succeeded ? result with { Late = result.Late + 1 } : result;
    }

    /// <summary>What Hub's answer to one UserWithdraw call means for the withdrawal.</summary>
    private abstract record Outcome;

    private sealed record Made(string HubUuid) : Outcome;

    /// <summary>Hub cannot take it yet (hot wallet short, node down): it goes back in the queue.</summary>
    private sealed record NotYet(string Why) : Outcome;

    /// <summary>Hub refused it for good: it fails and is refunded.</summary>
    private sealed record Refused(HubError Error) : Outcome;

    /// <summary>Hub may or may not have made it: the hot wallet's history will tell.</summary>
    private sealed record OutcomeUnknown : Outcome;

    private async Task<Outcome> CallHubAsync(Withdrawal w, CancellationToken cancellationToken)
    {
        try
        {
            return new Made(await hub.UserWithdrawAsync(options.Value.HotWalletUserId, w.Amount, w.Address, options.Value.WithdrawalTag, cancellationToken));
        }
        catch (HubCommandException e) when (e.Error is HubError.InsufficientBalance or HubError.IotaNodeUnavailable)
        {
            return new NotYet(e.Error == HubError.InsufficientBalance ? "Waiting for hot-wallet funds." : "Waiting for the IOTA node to come back.");
        }
        catch (HubCommandException e)
        {
            return new Refused(e.Error);
        }
        catch (HubTransportException)
        {
            return new OutcomeUnknown();
        }
    }

    private async Task<WithdrawalRunResult> RecordAsync(SubmitAttempt attempt, Outcome outcome, WithdrawalRunResult result, CancellationToken cancellationToken)
    {
        var (id, number) = (attempt.WithdrawalId, attempt.Number);
        var (recorded, counted) = outcome switch
        {
            Made made => (withdrawals.MarkSubmittedAsync(id, number, made.HubUuid, cancellationToken: cancellationToken), result with { Submitted = result.Submitted + 1 }),
            NotYet notYet => (withdrawals.RequeueAsync(id, number, notYet.Why, cancellationToken), result with { Waiting = result.Waiting + 1 }),
            Refused refused => (withdrawals.FailAsync(id, number, $"IOTA Hub refused the withdrawal: {refused.Error.Text()}.", cancellationToken),
                result with { Failed = result.Failed + 1 }),
            _ => (withdrawals.MarkUnknownAsync(id, number, cancellationToken), result with { Unknown = result.Unknown + 1 }),
        };
        var moved = await recorded;
        if (!moved.Succeeded)
        {
            await OvertakenAsync(attempt, outcome, moved.Problems[0].Message, cancellationToken);
            return result;
        }
        await checkpoints.ReachedAsync(Checkpoints.WithdrawalRecorded);
        return counted;
    }

    // The fence held: a newer attempt or reconciliation owns the withdrawal. A withdrawal Hub made
    // for this attempt that reconciliation did not adopt is recorded nowhere, so an operator is told.
    private async Task OvertakenAsync(SubmitAttempt attempt, Outcome outcome, string why, CancellationToken cancellationToken)
    {
        if (outcome is Made made && (await queries.FindAsync(attempt.WithdrawalId, cancellationToken))?.HubUuid != made.HubUuid)
            logger.LogError("Hub made withdrawal {HubUuid} for attempt {Attempt}, which was overtaken ({Why}): cancel it in Hub while it is not swept, " +
                "or check that reconciliation adopts it; otherwise Hub pays this withdrawal twice", made.HubUuid, attempt.Number, why);
        else
            logger.LogWarning("Attempt {Attempt} was overtaken and left its outcome ({Outcome}) unrecorded: {Why}", attempt.Number, outcome, why);
    }

    private async Task<WithdrawalRunResult> ReconcileAsync(WithdrawalRunResult result, CancellationToken cancellationToken)
    {
        var settled = (await InStateAsync(WithdrawalState.Unknown, cancellationToken)).Where(w => w.UpdatedAt <= Now - options.Value.UnknownOutcomeGrace).ToList();
        foreach (var finding in await unknown.InspectAsync(settled, cancellationToken))
            if (finding.CanResolve && await MovedAsync(unknown.ApplyAsync(finding, cancellationToken: cancellationToken)))
                result = result with { Reconciled = result.Reconciled + 1 };
        return result;
    }

    private async Task<WithdrawalRunResult> SettleCancelsAsync(WithdrawalRunResult result, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var settled = Now - options.Value.UnknownOutcomeGrace;
        var pending = await db.Withdrawals.AsNoTracking()
            .Where(w => w.State == WithdrawalState.Submitted && w.CancelRequestedAt != null && w.CancelRequestedAt <= settled)
            .OrderBy(w => w.Id).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var w in pending)
        {
            using var scope = ScopeOf(w);
            var cancelled = await hub.WasWithdrawalCancelledAsync(w.HubUuid!, cancellationToken);
            var moved = cancelled ? withdrawals.ConfirmHubCancelAsync(w.Id, cancellationToken) : withdrawals.DropCancelRequestAsync(w.Id, cancellationToken);
            if (await MovedAsync(moved)) result = result with { CancelsSettled = result.CancelsSettled + 1 };
        }
        return result;
    }

    private async Task<List<Withdrawal>> InStateAsync(WithdrawalState state, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().Where(w => w.State == state).OrderBy(w => w.Id).Take(BatchSize).ToListAsync(cancellationToken);
    }

    private async Task<(List<Withdrawal> ToSend, int Held)> ApprovedAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var approved = db.Withdrawals.AsNoTracking().Where(w => w.State == WithdrawalState.Approved);
        var locked = db.Users.LockedUserIds();
        var toSend = await approved.Where(w => !locked.Contains(w.UserId)).OrderBy(w => w.Id).Take(BatchSize).ToListAsync(cancellationToken);
        return (toSend, await approved.CountAsync(w => locked.Contains(w.UserId), cancellationToken));
    }

    private static async Task<bool> MovedAsync(Task<WithdrawalResult> transition) => (await transition).Succeeded;

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
