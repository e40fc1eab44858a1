using Exchange.Core.Accounts;
using Exchange.Core.Audit;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.HubSync;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Withdrawals;

/// <summary>What reconciliation found for a withdrawal in Unknown (about its attempt <paramref name="Attempt"/>), in words an operator can check.</summary>
public sealed record UnknownFinding(long WithdrawalId, int Attempt, UnknownVerdict Verdict, string? HubUuid, string Explanation)
{
    public bool CanResolve => Verdict is UnknownVerdict.MadeByHub or UnknownVerdict.NotMadeByHub;
}

/// <summary>The Unknown queue as an operator sees it: each withdrawal with its finding, or why IOTA Hub could not be asked.</summary>
public sealed record UnknownReview(IReadOnlyList<Withdrawal> Withdrawals, IReadOnlyDictionary<long, UnknownFinding> Findings, string? Problem);

/// <summary>
/// Settles withdrawals whose UserWithdraw outcome is unknown against the hot wallet's history in
/// Hub and the sweeps that pay it (<see cref="HotWalletHistory"/>): adopted when Hub made it to the
/// withdrawal's address, sent again when it never got it, left waiting while Hub has not swept a
/// withdrawal of the amount that could be it. A finding is about one attempt: applied, it moves the
/// withdrawal only while no newer attempt began.
/// </summary>
public sealed class UnknownWithdrawals(IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue, IHubClient hub, HubWithdrawalSteps withdrawals,
    WithdrawalQueries queries, OperatorWithdrawalCommands operators, IOptions<HubSyncOptions> options, TimeProvider time)
{
    /// <summary>Every withdrawal waiting in Unknown, judged now; with Hub unreachable the findings are empty and the problem says why.</summary>
    public async Task<UnknownReview> ReviewAsync(CancellationToken cancellationToken = default)
    {
        var unknown = await queries.InStateAsync(WithdrawalState.Unknown, cancellationToken: cancellationToken);
        try
        {
            return new(unknown, (await InspectAsync(unknown, cancellationToken)).ToDictionary(f => f.WithdrawalId), null);
        }
        catch (HubTransportException e)
        {
            return new(unknown, new Dictionary<long, UnknownFinding>(), $"IOTA Hub could not be asked about these withdrawals: {e.Message}");
        }
    }

    /// <summary>One finding per withdrawal; throws <see cref="HubTransportException"/> when Hub cannot be asked.</summary>
    public async Task<IReadOnlyList<UnknownFinding>> InspectAsync(IReadOnlyList<Withdrawal> unknown, CancellationToken cancellationToken = default)
    {
        if (unknown.Count == 0) return [];
        var coins = await catalogue.CurrentAsync(cancellationToken);
        await using var db = contexts.CreateDbContext();
        var history = await HotWalletHistory.LoadAsync(db, hub, options.Value.HotWalletUserId, cancellationToken);
        var findings = new List<UnknownFinding>();
        foreach (var w in unknown)
            findings.Add(await JudgeAsync(w, coins.BySymbol(w.Coin), history, cancellationToken));
        return findings;
    }

    /// <summary>Applies the finding: adopts Hub's withdrawal, or puts it back in the queue to be sent again.</summary>
    public async Task<WithdrawalResult> ApplyAsync(UnknownFinding finding, string? operatorId = null, CancellationToken cancellationToken = default)
    {
        OperatorAction? audited = operatorId is null ? null
            : new OperatorAction(operatorId, "Unknown withdrawal resolved", $"withdrawal {finding.WithdrawalId}", "unknown",
                finding.Verdict == UnknownVerdict.MadeByHub ? $"submitted as Hub withdrawal {finding.HubUuid}" : "approved, to be sent again", finding.Explanation);
        return finding.Verdict switch
        {
            UnknownVerdict.MadeByHub => await AdoptAsync(finding, audited, cancellationToken),
            UnknownVerdict.NotMadeByHub => await withdrawals.ReturnToApprovedAsync(finding.WithdrawalId, finding.Attempt, audited, cancellationToken),
            _ => WithdrawalResult.Refused(WithdrawalField.None, finding.Explanation),
        };
    }

    // Hub may have swept the withdrawal while its outcome was unknown, earlier than the sweeps the
    // processor reads from its cursor: its sweep is asked for once. When Hub cannot be asked, the
    // processor asks later.
    private async Task<WithdrawalResult> AdoptAsync(UnknownFinding finding, OperatorAction? audited, CancellationToken cancellationToken)
    {
        var adopted = await withdrawals.MarkSubmittedAsync(finding.WithdrawalId, finding.Attempt, finding.HubUuid!, audited, cancellationToken);
        try
        {
            if (adopted.Succeeded && await hub.SweepInfoByWithdrawalAsync(finding.HubUuid!, cancellationToken) is { } sweep)
                await withdrawals.MarkSweptAsync(finding.WithdrawalId, sweep.BundleHash, cancellationToken);
        }
        catch (HubTransportException)
        {
        }
        return adopted;
    }

    /// <summary>An operator's resolution: the finding is made again now, never taken from a page that may be stale.</summary>
    public async Task<WithdrawalResult> ResolveAsync(long id, OperatorCredentials by, CancellationToken cancellationToken = default)
    {
        if (await operators.RefusalAsync(id, by, OperatorWithdrawalCommands.Act.Resolution, null, cancellationToken) is { } refused)
            return refused;
        var w = await queries.FindAsync(id, cancellationToken);
        if (w is null || w.State != WithdrawalState.Unknown)
            return WithdrawalResult.Refused(WithdrawalField.None, $"Withdrawal {id} is not waiting in Unknown.");
        try
        {
            var findings = await InspectAsync([w], cancellationToken);
            return await ApplyAsync(findings[0], by.OperatorId, cancellationToken);
        }
        catch (HubTransportException e)
        {
            return WithdrawalResult.Refused(WithdrawalField.None, $"IOTA Hub could not be asked, nothing was changed: {e.Message}");
        }
    }

    private async Task<UnknownFinding> JudgeAsync(Withdrawal w, Coin coin, HotWalletHistory history, CancellationToken cancellationToken)
    {
        var waitUntil = w.UpdatedAt + options.Value.UnknownOutcomeGrace;
        if (waitUntil > time.GetUtcNow().UtcDateTime)
            return new(w.Id, w.SubmitAttempt, UnknownVerdict.TooSoon, null, $"The call to Hub may still land: it can be settled from {waitUntil:HH:mm:ss} UTC.");
        var verdict = await history.JudgeAsync(w.Amount, w.Address, coin.Format(w.Amount), cancellationToken);
        return new(w.Id, w.SubmitAttempt, verdict.Verdict, verdict.HubUuid, verdict.Explanation);
    }
}
