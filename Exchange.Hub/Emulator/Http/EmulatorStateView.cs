namespace Exchange.Hub.Emulator.Http;

/// <summary>A readable dump of everything the emulator holds, for people and tests.</summary>
internal static class EmulatorStateView
{
    public static object Of(HubEmulator hub) => hub.Read(s => (object)new
    {
        users = s.Users.Select(u => new { userId = u.Identifier, balance = u.Balance }).ToList(),
        totalBalance = s.TotalBalance,
        depositAddresses = s.UserAddresses.Select(a => new { a.Address, a.UserId, a.Balance, a.Swept, tangleBalance = s.TangleBalance(a.Address) }).ToList(),
        hubAddresses = s.HubAddresses.Select(h => new { h.Address, h.Balance, h.Spent }).ToList(),
        withdrawals = s.Withdrawals.Select(w => new { w.Uuid, w.UserId, w.Amount, w.PayoutAddress, state = w.CancelledAt is not null ? "cancelled" : w.SweepBundleHash is not null ? "swept" : "pending", w.SweepBundleHash }).ToList(),
        sweeps = s.Sweeps.All().Select(x => new { x.BundleHash, x.CreatedAt, x.Confirmed, tails = x.Tails.Count, transactions = x.Trytes.Count }).ToList(),
        tangle = new
        {
            total = s.TangleBalances.Values.Sum(),
            heldByHub = s.UserAddresses.Sum(a => s.TangleBalance(a.Address)) + s.HubAddresses.Sum(h => s.TangleBalance(h.Address)),
            unseenTransfers = s.UnseenTransferCount,
            spentAddresses = s.SpentCount,
        },
        faults = hub.Faults.Pending.Select(f => new { kind = f.Kind.ToString(), f.Count, f.Command }).ToList(),
    });
}
