using Exchange.Hub.Emulator.State;
using Exchange.Hub.Emulator.Wire;

namespace Exchange.Hub.Emulator;

// SweepDetail, SweepInfo, SweepSubscription, BalanceSubscription (PROTOCOL.md §2.7, 2.8, 2.13, 2.14).
public sealed partial class HubEmulator
{
    private HubObject SweepDetail(HubRequest request)
    {
        if (request.String("bundleHash") is not { } bundleHash) return HubObject.Error(HubError.MissingArgument);
        var sweep = state.Sweeps.Find(s => s.BundleHash == bundleHash);
        if (sweep is null) return HubObject.Error(HubError.Cancelled);

        var detail = new HubObject().Add("confirmed", sweep.Confirmed);
        foreach (var trytes in sweep.Trytes) detail.Add("trytes", trytes);
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
            var withdrawal = state.Withdrawals.Find(w => w.Uuid == uuid && w.CancelledAt is null && w.SweepBundleHash is not null);
            sweep = withdrawal is null ? null : state.Sweeps.Find(s => s.BundleHash == withdrawal.SweepBundleHash);
        }
        else
        {
            if (request.String("bundleHash") is not { } bundleHash) return HubObject.Error(HubError.MissingArgument);
            sweep = state.Sweeps.Find(s => s.BundleHash == bundleHash);
        }
        return sweep is null ? HubObject.Error(HubError.Cancelled) : SweepSummary(sweep);
    }

    private HubObject SweepSubscription(HubRequest request)
    {
        // Hub leaves a missing newerThan uninitialised; the emulator reads it as 0.
        var newerThan = Milliseconds(request.LenientUInt64("newerThan") ?? 0);
        var events = new HubObject();
        var n = 0;
        foreach (var sweep in state.Sweeps.Where(s => s.CreatedAt >= newerThan).OrderBy(s => s.Id))
            events.Add($"event_{n++}", SweepSummary(sweep));
        return events;
    }

    private HubObject SweepSummary(SweepRow sweep)
    {
        var summary = new HubObject().Add("bundleHash", sweep.BundleHash).Add("timestamp", sweep.CreatedAt);
        foreach (var withdrawal in state.Withdrawals.Where(w => w.SweepBundleHash == sweep.BundleHash))
            summary.Add("withdrawalUuid", withdrawal.Uuid);
        return summary;
    }

    private HubObject BalanceSubscription(HubRequest request)
    {
        var newerThan = Milliseconds(request.LenientUInt64("newerThan") ?? 0);
        var events = new HubObject();
        var n = 0;

        // Three groups one after the other, never merged by time; BUY/SELL are left out.
        foreach (var e in state.AccountEvents.Where(e => e.At >= newerThan && e.Reason is AccountReason.Sweep or AccountReason.Withdraw or AccountReason.WithdrawCancel).OrderBy(e => e.At))
            events.Add($"event_{n++}", new HubObject()
                .Add("type", "USER_ACCOUNT")
                .Add("reason", HistoryReason(e.Reason))
                .Add("userId", e.UserId)
                .Add("timestamp", e.At)
                .Add("sweepBundleHash", e.Reason == AccountReason.Sweep ? e.SweepBundleHash ?? "" : "")
                .Add("withdrawalUuid", e.WithdrawalUuid ?? "")
                .Add("amount", e.Amount));

        foreach (var e in state.AddressEvents.Where(e => e.At >= newerThan).OrderBy(e => e.At))
            events.Add($"event_{n++}", new HubObject()
                .Add("type", "USER_ADDRESS")
                .Add("reason", e.Reason == AddressReason.Deposit ? "UA_DEPOSIT" : "UA_SWEEP")
                .Add("userId", e.UserId)
                .Add("timestamp", e.At)
                .Add("userAddress", e.Address)
                .Add("hash", e.Hash)
                .Add("message", "")
                .Add("amount", e.Amount));

        foreach (var e in state.HubAddressEvents.Where(e => e.At >= newerThan))
            events.Add($"event_{n++}", new HubObject()
                .Add("type", "HUB_ADDRESS")
                .Add("hubAddress", e.Address)
                .Add("reason", e.Reason == HubAddressReason.Inbound ? "INBOUND" : "OUTBOUND")
                .Add("timestamp", e.At)
                .Add("sweepBundleHash", e.SweepBundleHash)
                .Add("amount", e.Amount));
        return events;
    }
}
