using Exchange.Core.Audit;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.HubSync;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Withdrawals;

public enum UnknownVerdict
{
    /// <summary>Too soon after the call: a slow request may still land at Hub.</summary>
    TooSoon,
    /// <summary>Hub's history holds an unlinked withdrawal of the amount: Hub made it.</summary>
    MadeByHub,
    /// <summary>Hub's history holds none: Hub never got it, and it may be sent again.</summary>
    NotMadeByHub,
}

/// <summary>What reconciliation found for a withdrawal in Unknown, in words an operator can check.</summary>
public sealed record UnknownFinding(long WithdrawalId, UnknownVerdict Verdict, string? HubUuid, string Explanation)
{
    public bool CanResolve => Verdict is UnknownVerdict.MadeByHub or UnknownVerdict.NotMadeByHub;
}

/// <summary>
/// Settles withdrawals whose UserWithdraw outcome is unknown against the hot wallet's history in
/// Hub. Hub books a WITHDRAWAL on the hot wallet the moment UserWithdraw succeeds: one of the same
/// amount that no withdrawal and no cold-storage send claims is ours; none, once the grace period is over, means Hub never got it. The
/// whole history is read, not a window: a window on our clock would miss Hub's event if the two
/// clocks disagree, and that would pay the user twice.
/// </summary>
public sealed class UnknownWithdrawals(IDbContextFactory<ExchangeDbContext> contexts, IHubClient hub, WithdrawalService withdrawals,
    IOptions<HubSyncOptions> options, TimeProvider time)
{
    /// <summary>One finding per withdrawal; throws <see cref="HubTransportException"/> when Hub cannot be asked.</summary>
    public async Task<IReadOnlyList<UnknownFinding>> InspectAsync(IReadOnlyList<Withdrawal> unknown, CancellationToken cancellationToken = default)
    {
        if (unknown.Count == 0) return [];
        var history = await hub.GetUserHistoryAsync(options.Value.HotWalletUserId, 0, cancellationToken);
        var linked = await LinkedUuidsAsync(cancellationToken);
        var findings = new List<UnknownFinding>();
        foreach (var w in unknown)
        {
            var finding = Judge(w, history, linked);
            if (finding.HubUuid is { } uuid) linked.Add(uuid); // two unknowns of one amount cannot claim the same Hub withdrawal
            findings.Add(finding);
        }
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
            UnknownVerdict.MadeByHub => await withdrawals.MarkSubmittedAsync(finding.WithdrawalId, finding.HubUuid!, audited, cancellationToken),
            UnknownVerdict.NotMadeByHub => await withdrawals.ReturnToApprovedAsync(finding.WithdrawalId, audited, cancellationToken),
            _ => WithdrawalResult.Refused(WithdrawalField.None, finding.Explanation),
        };
    }

    /// <summary>An operator's resolution: the finding is made again now, never taken from a page that may be stale.</summary>
    public async Task<WithdrawalResult> ResolveAsync(long id, string operatorId, CancellationToken cancellationToken = default)
    {
        var w = await withdrawals.FindAsync(id, cancellationToken);
        if (w is null || w.State != WithdrawalState.Unknown)
            return WithdrawalResult.Refused(WithdrawalField.None, $"Withdrawal {id} is not waiting in Unknown.");
        try
        {
            var findings = await InspectAsync([w], cancellationToken);
            return await ApplyAsync(findings[0], operatorId, cancellationToken);
        }
        catch (HubTransportException e)
        {
            return WithdrawalResult.Refused(WithdrawalField.None, $"IOTA Hub could not be asked, nothing was changed: {e.Message}");
        }
    }

    private UnknownFinding Judge(Withdrawal w, IReadOnlyList<UserHistoryEvent> history, HashSet<string> linked)
    {
        var amount = CoinSeed.BySymbol(w.Coin).Format(w.Amount);
        var waitUntil = w.UpdatedAt + options.Value.UnknownOutcomeGrace;
        if (waitUntil > time.GetUtcNow().UtcDateTime)
            return new(w.Id, UnknownVerdict.TooSoon, null, $"The call to Hub may still land: it can be settled from {waitUntil:HH:mm:ss} UTC.");
        var match = history.FirstOrDefault(e => e.Reason == UserHistoryReason.Withdrawal && e.Amount == -w.Amount && !linked.Contains(e.WithdrawalUuid));
        return match is not null
            ? new(w.Id, UnknownVerdict.MadeByHub, match.WithdrawalUuid,
                $"The hot wallet's Hub history has a withdrawal of {amount} that no other withdrawal claims ({match.WithdrawalUuid}): Hub made it.")
            : new(w.Id, UnknownVerdict.NotMadeByHub, null,
                $"The hot wallet's Hub history has no unclaimed withdrawal of {amount}: Hub never got it, so it can be sent again.");
    }

    private async Task<HashSet<string>> LinkedUuidsAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var coldStorage = await db.HotWalletTransfers.Where(t => t.Kind == HotWallet.HotWalletTransferKind.ToColdStorage && t.State == HotWallet.HotWalletTransferState.Submitted)
            .Select(t => t.HubReference!).ToListAsync(cancellationToken);
        return [.. await db.Withdrawals.Where(w => w.HubUuid != null).Select(w => w.HubUuid!).ToListAsync(cancellationToken), .. coldStorage];
    }
}
