using Exchange.Core.Data;
using Exchange.Core.HotWallet;
using Exchange.Core.Withdrawals;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.HubSync;

public enum UnknownVerdict
{
    /// <summary>Too soon after the call: a slow request may still land at Hub.</summary>
    TooSoon,
    /// <summary>Hub's history holds an unclaimed withdrawal of the amount: Hub made it.</summary>
    MadeByHub,
    /// <summary>Hub's history holds none: Hub never got it, and it may be sent again.</summary>
    NotMadeByHub,
    /// <summary>Payments to different addresses compete for fewer Hub withdrawals of the amount: Hub's history cannot tell which one was made.</summary>
    Ambiguous,
}

/// <summary>A verdict on one payment from the hot wallet whose UserWithdraw outcome is unknown.</summary>
public sealed record HotWalletVerdict(UnknownVerdict Verdict, string? HubUuid, string Explanation);

/// <summary>
/// The hot wallet's Hub history against what the exchange knows it paid from it. Hub books a
/// WITHDRAWAL on the hot wallet the moment UserWithdraw succeeds, and the history shows only the
/// amount: one no user withdrawal and no cold-storage send claims belongs to a payment whose outcome
/// is unknown. When several such payments of the amount go to different addresses and Hub made
/// fewer than them, no one can tell which from the history, and none is settled: adopting the wrong
/// one would pay one address twice and another never. The whole history is read, not a window: a
/// window on our clock would miss Hub's event if the two clocks disagree.
/// </summary>
public sealed class HotWalletHistory
{
    private readonly IReadOnlyList<UserHistoryEvent> history;
    private readonly HashSet<string> claimed;
    private readonly List<(long Amount, string Address)> outstanding;

    private HotWalletHistory(IReadOnlyList<UserHistoryEvent> history, HashSet<string> claimed, List<(long, string)> outstanding) =>
        (this.history, this.claimed, this.outstanding) = (history, claimed, outstanding);

    /// <summary>Throws <see cref="HubTransportException"/> when Hub cannot be asked.</summary>
    public static async Task<HotWalletHistory> LoadAsync(ExchangeDbContext db, IHubClient hub, string hotWalletUserId, CancellationToken cancellationToken)
    {
        var history = await hub.GetUserHistoryAsync(hotWalletUserId, 0, cancellationToken);
        var claimedByUsers = await db.Withdrawals.Where(w => w.HubUuid != null).Select(w => w.HubUuid!).ToListAsync(cancellationToken);
        var claimedByColdStorage = await db.HotWalletTransfers.Where(t => t.Kind == HotWalletTransferKind.ToColdStorage && t.State == HotWalletTransferState.Submitted)
            .Select(t => t.HubReference!).ToListAsync(cancellationToken);
        var users = await db.Withdrawals.Where(w => w.State == WithdrawalState.Unknown || w.State == WithdrawalState.Submitting)
            .Select(w => new { w.Amount, w.Address }).ToListAsync(cancellationToken);
        var coldStorage = await db.HotWalletTransfers.Where(t => t.State == HotWalletTransferState.Unknown || t.State == HotWalletTransferState.Sending)
            .Select(t => new { t.Amount, Address = t.Address! }).ToListAsync(cancellationToken);
        return new HotWalletHistory(history, [.. claimedByUsers, .. claimedByColdStorage],
            [.. users.Select(u => (u.Amount, u.Address)), .. coldStorage.Select(c => (c.Amount, c.Address))]);
    }

    /// <summary>Judges one outstanding payment; a Hub withdrawal it is found to be is claimed for the rest of this history's use.</summary>
    public HotWalletVerdict Judge(long amount, string address, string amountText)
    {
        var unclaimed = history.Where(e => e.Reason == UserHistoryReason.Withdrawal && e.Amount == -amount && !claimed.Contains(e.WithdrawalUuid)).ToList();
        var rivals = outstanding.Where(o => o.Amount == amount).ToList();
        if (unclaimed.Count == 0)
            return new(UnknownVerdict.NotMadeByHub, null, $"The hot wallet's Hub history has no unclaimed withdrawal of {amountText}: Hub never got it, so it can be sent again.");
        if (rivals.Select(r => r.Address).Distinct().Count() > 1 && unclaimed.Count < rivals.Count)
            return new(UnknownVerdict.Ambiguous, null,
                $"The hot wallet's Hub history has {unclaimed.Count} unclaimed withdrawal(s) of {amountText}, but {rivals.Count} payments of that amount to different addresses " +
                "have an unknown outcome: Hub's history cannot tell which was made. Compare the payout addresses in Hub's sweeps on the Tangle explorer.");
        var uuid = unclaimed[0].WithdrawalUuid;
        claimed.Add(uuid);
        if (rivals.Exists(r => r.Address == address)) outstanding.Remove(rivals.First(r => r.Address == address));
        return new(UnknownVerdict.MadeByHub, uuid, $"The hot wallet's Hub history has a withdrawal of {amountText} that nothing else claims ({uuid}): Hub made it.");
    }
}
