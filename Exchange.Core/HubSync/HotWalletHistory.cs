using Exchange.Core.Data;
using Exchange.Core.HotWallet;
using Exchange.Hub.Client;
using Exchange.Hub.Iota;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.HubSync;

public enum UnknownVerdict
{
    /// <summary>Too soon after the call: a slow request may still land at Hub.</summary>
    TooSoon,
    /// <summary>A Hub withdrawal nothing else claims is swept to this address with this amount: Hub made it.</summary>
    MadeByHub,
    /// <summary>No Hub withdrawal nothing else claims can be this payment: Hub never got it, and it may be sent again.</summary>
    NotMadeByHub,
    /// <summary>Hub holds unclaimed withdrawals of the amount it has not swept yet: where they pay shows only in their sweep.</summary>
    AwaitingSweep,
}

/// <summary>A verdict on one payment from the hot wallet whose UserWithdraw outcome is unknown.</summary>
public sealed record HotWalletVerdict(UnknownVerdict Verdict, string? HubUuid, string Explanation);

/// <summary>
/// The hot wallet's Hub history against what the exchange knows it paid from it. Hub books a
/// WITHDRAWAL on the hot wallet the moment UserWithdraw succeeds, but its history shows only the
/// amount; the payout address shows in the sweep that pays it (SweepInfo, then the outputs of
/// SweepDetail's bundle). A payment whose outcome is unknown is Hub's withdrawal only when one that
/// no user withdrawal and no cold-storage send claims is swept with an output of that amount to
/// that address which no claimed withdrawal of the sweep accounts for: matching on the amount alone
/// would take a payment to another address (a stray call, an overtaken attempt) for this one, and
/// the address would never be paid. Until Hub sweeps such a withdrawal, the payment waits. Two
/// unclaimed withdrawals of one sweep may be told apart only by their outputs, so which of their
/// UUIDs a payment adopts may be the other's; both are paid in the same bundle, which is what
/// matters once swept (neither can be cancelled any more). The whole history is read, not a
/// window: a window on our clock would miss Hub's event if the two clocks disagree.
/// </summary>
public sealed class HotWalletHistory
{
    private readonly IHubClient hub;
    private readonly IReadOnlyList<UserHistoryEvent> withdrawals;
    private readonly Dictionary<string, Payment> claimed;
    private readonly Dictionary<string, SweepSummary?> sweeps = [];
    private readonly Dictionary<string, List<Payment>> unaccounted = [];

    /// <summary>An amount to an address (81 trytes, no checksum), as a sweep's output pays it.</summary>
    private readonly record struct Payment(string Address, long Amount);

    private HotWalletHistory(IHubClient hub, IReadOnlyList<UserHistoryEvent> withdrawals, Dictionary<string, Payment> claimed) =>
        (this.hub, this.withdrawals, this.claimed) = (hub, withdrawals, claimed);

    /// <summary>Throws <see cref="HubTransportException"/> when Hub cannot be asked.</summary>
    public static async Task<HotWalletHistory> LoadAsync(ExchangeDbContext db, IHubClient hub, string hotWalletUserId, CancellationToken cancellationToken)
    {
        var history = await hub.GetUserHistoryAsync(hotWalletUserId, 0, cancellationToken);
        var cancelled = history.Where(e => e.Reason == UserHistoryReason.WithdrawalCanceled).Select(e => e.WithdrawalUuid).ToHashSet();
        var byUsers = await db.Withdrawals.Where(w => w.HubUuid != null).Select(w => new { Uuid = w.HubUuid!, w.Address, w.Amount }).ToListAsync(cancellationToken);
        var byColdStorage = await db.HotWalletTransfers.Where(t => t.Kind == HotWalletTransferKind.ToColdStorage && t.State == HotWalletTransferState.Submitted)
            .Select(t => new { Uuid = t.HubReference!, Address = t.Address!, t.Amount }).ToListAsync(cancellationToken);
        var claimed = byUsers.Concat(byColdStorage).DistinctBy(c => c.Uuid).ToDictionary(c => c.Uuid, c => new Payment(AddressChecksum.Strip(c.Address), c.Amount));
        var made = history.Where(e => e.Reason == UserHistoryReason.Withdrawal && !cancelled.Contains(e.WithdrawalUuid)).ToList();
        return new HotWalletHistory(hub, made, claimed);
    }

    /// <summary>
    /// Judges one outstanding payment; a Hub withdrawal it is found to be is claimed for the rest of
    /// this history's use. Throws <see cref="HubTransportException"/> when Hub cannot be asked.
    /// </summary>
    public async Task<HotWalletVerdict> JudgeAsync(long amount, string address, string amountText, CancellationToken cancellationToken)
    {
        var wanted = new Payment(AddressChecksum.Strip(address), amount);
        var candidates = withdrawals.Where(e => e.Amount == -amount && !claimed.ContainsKey(e.WithdrawalUuid)).Select(e => e.WithdrawalUuid).Distinct().ToList();
        if (candidates.Count == 0)
            return new(UnknownVerdict.NotMadeByHub, null, $"The hot wallet's Hub history has no unclaimed withdrawal of {amountText}: Hub never got it, so it can be sent again.");
        var unswept = 0;
        foreach (var uuid in candidates)
        {
            if (await SweepOfAsync(uuid, cancellationToken) is not { } sweep || await UnaccountedAsync(sweep, cancellationToken) is not { } outputs)
            {
                unswept++;
                continue;
            }
            if (outputs.Remove(wanted))
            {
                claimed[uuid] = wanted;
                return new(UnknownVerdict.MadeByHub, uuid,
                    $"The hot wallet's Hub history has a withdrawal of {amountText} that nothing else claims ({uuid}), and Hub's sweep {sweep.BundleHash} pays "
                    + $"{amountText} to this address: Hub made it.");
            }
        }
        return unswept > 0
            ? new(UnknownVerdict.AwaitingSweep, null,
                $"The hot wallet's Hub history has {unswept} unclaimed withdrawal(s) of {amountText} that Hub has not swept yet. Hub's history does not say where a "
                + "withdrawal pays, its sweep does: this is settled once Hub sweeps them.")
            : new(UnknownVerdict.NotMadeByHub, null,
                $"The hot wallet's Hub history has {candidates.Count} unclaimed withdrawal(s) of {amountText}, and Hub's sweeps pay them to other addresses: "
                + "Hub never got this one, so it can be sent again.");
    }

    private async Task<SweepSummary?> SweepOfAsync(string uuid, CancellationToken cancellationToken)
    {
        if (!sweeps.TryGetValue(uuid, out var sweep))
            sweeps[uuid] = sweep = await hub.SweepInfoByWithdrawalAsync(uuid, cancellationToken);
        return sweep;
    }

    /// <summary>
    /// The sweep's outputs that none of its withdrawals the exchange already claims pays; null when
    /// Hub's bundle cannot be read (then nothing is concluded from it, as if it were not swept yet).
    /// </summary>
    private async Task<List<Payment>?> UnaccountedAsync(SweepSummary sweep, CancellationToken cancellationToken)
    {
        if (unaccounted.TryGetValue(sweep.BundleHash, out var outputs)) return outputs;
        var transactions = (await hub.SweepDetailAsync(sweep.BundleHash, cancellationToken))?.Trytes.Select(BundleTransaction.TryParse).ToList();
        if (transactions is null || transactions.Count == 0 || transactions.Contains(null)) return null;
        outputs = transactions.Where(t => t!.Value > 0).Select(t => new Payment(t!.Address, t.Value)).ToList();
        foreach (var uuid in sweep.WithdrawalUuids)
            if (claimed.TryGetValue(uuid, out var paid)) outputs.Remove(paid);
        return unaccounted[sweep.BundleHash] = outputs;
    }
}
