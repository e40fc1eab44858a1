namespace Exchange.Hub.Emulator.Http;

/// <summary>A readable dump of everything the emulator holds, for people and tests.</summary>
internal static class EmulatorStateView
{
    public static object Of(HubEmulator hub) => hub.Read(s => (object)new
    {
        users = s.Users.Select(u => new { userId = u.Identifier, balance = s.BalanceOf(u.Identifier) }),
        totalBalance = s.AccountEvents.Sum(e => e.Amount),
        depositAddresses = s.UserAddresses.Select(a => new { a.Address, a.UserId, a.Balance, a.Swept, tangleBalance = s.TangleBalance(a.Address) }),
        hubAddresses = s.HubAddresses.Select(h => new { h.Address, h.Balance, h.Spent }),
        withdrawals = s.Withdrawals.Select(w => new { w.Uuid, w.UserId, w.Amount, w.PayoutAddress, state = w.CancelledAt is not null ? "cancelled" : w.SweepBundleHash is not null ? "swept" : "pending", w.SweepBundleHash }),
        sweeps = s.Sweeps.Select(x => new { x.BundleHash, x.CreatedAt, x.Confirmed, tails = x.Tails.Count, transactions = x.Trytes.Count }),
        tangle = new
        {
            total = s.TangleBalances.Values.Sum(),
            heldByHub = s.UserAddresses.Sum(a => s.TangleBalance(a.Address)) + s.HubAddresses.Sum(h => s.TangleBalance(h.Address)),
            unseenTransfers = s.TangleTransfers.Count(t => !t.SeenByMonitor),
            spentAddresses = s.SpentAddresses.Count,
        },
        faults = hub.Faults.Pending.Select(f => new { kind = f.Kind.ToString(), f.Count, f.Command }),
    });
}
