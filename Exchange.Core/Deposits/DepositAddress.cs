namespace Exchange.Core.Deposits;

/// <summary>
/// An address Hub issued to a user. Hub addresses are single-use: once Hub has swept it, Hub never
/// watches it again, so anything sent afterwards is not credited.
/// </summary>
public sealed class DepositAddress
{
    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string Coin { get; private set; } = "";

    /// <summary>90 trytes: the 81-tryte address and its 9-tryte checksum.</summary>
    public string Address { get; private set; } = "";

    public DateTime IssuedAt { get; private set; }
    public DateTime? FirstSeenAt { get; private set; }
    public DateTime? SweptAt { get; private set; }

    /// <summary>Hub's sweep that emptied the address (its UA_SWEEP), and how much it took: the DEPOSIT of that bundle and amount is this address's.</summary>
    public string? SweepBundleHash { get; private set; }

    public long? SweptAmount { get; private set; }

    /// <summary>The 81 trytes Hub uses for the address in its events (stored too, so events find it by index).</summary>
    public string Address81 { get; private set; } = "";

    public bool IsUsed => FirstSeenAt is not null || SweptAt is not null;

    private DepositAddress() { }

    public static DepositAddress Issue(string userId, string coin, string address90, DateTime now) =>
        address90.Length == 90
            ? new DepositAddress { UserId = userId, Coin = coin, Address = address90, Address81 = address90[..81], IssuedAt = now }
            : throw new ArgumentException("A deposit address is stored with its checksum: 90 trytes.", nameof(address90));

    public void MarkSeen(DateTime at) => FirstSeenAt ??= at;

    /// <summary>Hub sweeps an address once: the first sweep recorded stays.</summary>
    public void MarkSwept(DateTime at, string bundleHash, long amount)
    {
        SweptAt ??= at;
        if (SweepBundleHash is not null) return;
        (SweepBundleHash, SweptAmount) = (bundleHash, amount);
    }
}
