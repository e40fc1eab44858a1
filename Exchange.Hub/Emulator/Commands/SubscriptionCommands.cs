using Exchange.Hub.Emulator.State;
using Exchange.Hub.Emulator.Wire;

namespace Exchange.Hub.Emulator;

// SweepDetail, SweepInfo, SweepSubscription, BalanceSubscription (PROTOCOL.md §2.7, 2.8, 2.13, 2.14).
public sealed partial class HubEmulator
{
    private EmulatorAnswer SweepDetail(HubRequest request)
    {
        if (request.String("bundleHash") is not { } bundleHash) return HubObject.Error(HubError.MissingArgument);
        if (state.Sweep(bundleHash) is not { } sweep) return HubObject.Error(HubError.Cancelled);

        var detail = new HubObject().Add("confirmed", sweep.Confirmed);
        foreach (var trytes in sweep.Trytes.All(sweep.Withdrawals)) detail.Add("trytes", trytes);
        foreach (var tail in Enumerable.Reverse(sweep.Tails)) detail.Add("tailHash", tail.Hash);
        return detail;
    }

    private HubObject SweepInfo(HubRequest request)
    {
        if (!request.Has("requestByUuid")) return HubObject.Error(HubError.MissingArgument);
        SweepRow? sweep;
        if (request.Bool("requestByUuid"))
        {
            if (request.String("withdrawalUuid") is not { } uuid) return HubObject.Error(HubError.MissingArgument);
            sweep = state.Withdrawal(uuid) is { CancelledAt: null, SweepBundleHash: { } bundle } ? state.Sweep(bundle) : null;
        }
        else
        {
            if (request.String("bundleHash") is not { } bundleHash) return HubObject.Error(HubError.MissingArgument);
            sweep = state.Sweep(bundleHash);
        }
        return sweep is null ? HubObject.Error(HubError.Cancelled) : SweepSummary(sweep);
    }

    private EmulatorAnswer SweepSubscription(HubRequest request)
    {
        // Hub leaves a missing newerThan uninitialised; the emulator reads it as 0.
        var newerThan = Milliseconds(request.LenientUInt64("newerThan") ?? 0);
        var sweeps = state.Sweeps.Count;
        return EmulatorAnswer.Events(() => state.Sweeps.InOrderAdded(newerThan, sweeps).Select(SweepSummary));
    }

    // Safe outside the lock: a sweep's withdrawals are all assigned when it is made.
    private static HubObject SweepSummary(SweepRow sweep)
    {
        var summary = new HubObject().Add("bundleHash", sweep.BundleHash).Add("timestamp", sweep.CreatedAt);
        foreach (var withdrawal in sweep.Withdrawals)
            summary.Add("withdrawalUuid", withdrawal.Uuid);
        return summary;
    }

    // Three groups one after the other, never merged by time; BUY/SELL are left out. The counts are
    // taken under the lock and the events (never changed once added) are written after it.
    private EmulatorAnswer BalanceSubscription(HubRequest request)
    {
        var newerThan = Milliseconds(request.LenientUInt64("newerThan") ?? 0);
        var (accounts, addresses, hubs) = (state.AccountEvents.Count, state.AddressEvents.Count, state.HubAddressEvents.Count);
        return EmulatorAnswer.Events(() => state.AccountEvents.ByTime(newerThan, accounts)
            .Where(e => e.Reason is AccountReason.Sweep or AccountReason.Withdraw or AccountReason.WithdrawCancel)
            .Select(AccountEvent)
            .Concat(state.AddressEvents.ByTime(newerThan, addresses).Select(AddressEvent))
            .Concat(state.HubAddressEvents.InOrderAdded(newerThan, hubs).Select(HubAddressEvent)));
    }

    private static HubObject AccountEvent(UserAccountEventRow e) => new HubObject()
        .Add("type", "USER_ACCOUNT")
        .Add("reason", HistoryReason(e.Reason))
        .Add("userId", e.UserId)
        .Add("timestamp", e.At)
        .Add("sweepBundleHash", e.Reason == AccountReason.Sweep ? e.SweepBundleHash ?? "" : "")
        .Add("withdrawalUuid", e.WithdrawalUuid ?? "")
        .Add("amount", e.Amount);

    private static HubObject AddressEvent(UserAddressEventRow e) => new HubObject()
        .Add("type", "USER_ADDRESS")
        .Add("reason", e.Reason == AddressReason.Deposit ? "UA_DEPOSIT" : "UA_SWEEP")
        .Add("userId", e.UserId)
        .Add("timestamp", e.At)
        .Add("userAddress", e.Address)
        .Add("hash", e.Hash)
        .Add("message", "")
        .Add("amount", e.Amount);

    private static HubObject HubAddressEvent(HubAddressEventRow e) => new HubObject()
        .Add("type", "HUB_ADDRESS")
        .Add("hubAddress", e.Address)
        .Add("reason", e.Reason == HubAddressReason.Inbound ? "INBOUND" : "OUTBOUND")
        .Add("timestamp", e.At)
        .Add("sweepBundleHash", e.SweepBundleHash)
        .Add("amount", e.Amount);
}
