namespace Exchange.Core.Sweeps;

/// <summary>One of Hub's sweeps, as the operators' live view shows it.</summary>
public sealed class HubSweep
{
    public long Id { get; private set; }
    public string BundleHash { get; private set; } = "";

    /// <summary>When Hub created the sweep (ms since the epoch, Hub's clock).</summary>
    public long HubTimestamp { get; private set; }

    /// <summary>Hub's UUIDs of the withdrawals it pays, comma-separated.</summary>
    public string WithdrawalUuids { get; private set; } = "";

    public bool Confirmed { get; private set; }
    public int Tails { get; private set; }
    public int Transactions { get; private set; }
    public DateTime SeenAt { get; private set; }
    public DateTime CheckedAt { get; private set; }

    private HubSweep() { }

    public static HubSweep Seen(string bundleHash, long hubTimestamp, IEnumerable<string> withdrawalUuids, DateTime now) => new()
    {
        BundleHash = bundleHash, HubTimestamp = hubTimestamp, WithdrawalUuids = string.Join(",", withdrawalUuids), SeenAt = now, CheckedAt = now,
    };

    /// <summary>True when something an operator would notice changed.</summary>
    public bool Update(bool confirmed, int tails, int transactions, DateTime now)
    {
        var changed = confirmed != Confirmed || tails != Tails || transactions != Transactions;
        (Confirmed, Tails, Transactions, CheckedAt) = (confirmed, tails, transactions, now);
        return changed;
    }
}
