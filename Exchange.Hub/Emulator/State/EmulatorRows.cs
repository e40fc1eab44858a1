namespace Exchange.Hub.Emulator.State;

// Hub's tables (PROTOCOL.md §3.1) plus the simulated Tangle: one class per row kind, one table each.

public enum AccountReason { Sweep = 0, Buy = 1, WithdrawCancel = 2, Withdraw = 3, Sell = 4 }

public enum AddressReason { Deposit = 0, Sweep = 1 }

public enum HubAddressReason { Inbound = 0, Outbound = 1 }

/// <summary>A row the store writes; <see cref="Seq"/> is its place in its table, given when the state takes it.</summary>
public abstract class EmulatorRow
{
    public long Seq { get; internal set; }

    // The change that last marked this row for writing, so a row changed twice is written once.
    internal long MarkedIn { get; set; }
}

public sealed class UserAccountRow : EmulatorRow
{
    public required string Identifier { get; init; }

    /// <summary>The sum of the user's account events, kept as they are added.</summary>
    public long Balance { get; internal set; }

    internal UserAccountEventRow? LastEvent { get; set; }
}

public sealed class UserAccountEventRow : EmulatorRow
{
    public required string UserId { get; init; }
    public required long Amount { get; init; }
    public required AccountReason Reason { get; init; }
    public string? SweepBundleHash { get; init; }
    public string? WithdrawalUuid { get; init; }
    public required long At { get; init; }

    // The same user's event before this one: a user's history without scanning everyone's.
    internal UserAccountEventRow? PreviousOfUser { get; set; }
}

public sealed class UserAddressRow : EmulatorRow
{
    public required string Address { get; init; }
    public required string UserId { get; init; }
    public required string SeedUuid { get; init; }
    public required long CreatedAt { get; init; }
    public long Balance { get; internal set; }
    public bool Swept { get; internal set; }
}

public sealed class UserAddressEventRow : EmulatorRow
{
    public required string Address { get; init; }
    public required string UserId { get; init; }
    public required long Amount { get; init; }
    public required AddressReason Reason { get; init; }
    /// <summary>Deposit: the depositing bundle's tail. Sweep: the sweep bundle hash.</summary>
    public required string Hash { get; init; }
    public required long At { get; init; }
}

public sealed class HubAddressRow : EmulatorRow
{
    public required string Address { get; init; }
    public required string SeedUuid { get; init; }
    public required long CreatedAt { get; init; }
    public long Balance { get; internal set; }
    public bool Spent { get; internal set; }

    /// <summary>Sweeps into this address not confirmed yet: while any is, the address cannot fund a sweep.</summary>
    internal int UnconfirmedSweeps { get; set; }
}

public sealed class HubAddressEventRow : EmulatorRow
{
    public required string Address { get; init; }
    public required long Amount { get; init; }
    public required HubAddressReason Reason { get; init; }
    public required string SweepBundleHash { get; init; }
    public required long At { get; init; }
}

public sealed class WithdrawalRow : EmulatorRow
{
    public required string Uuid { get; init; }
    public required string UserId { get; init; }
    public required long Amount { get; init; }
    public required string PayoutAddress { get; init; }
    public required string Tag { get; init; }
    public required long RequestedAt { get; init; }
    public string? SweepBundleHash { get; internal set; }
    public long? CancelledAt { get; internal set; }

    public bool IsPending => SweepBundleHash is null && CancelledAt is null;
}

public sealed class SweepTail : EmulatorRow
{
    public required string Hash { get; init; }
    public required long CreatedAt { get; init; }
    public bool Confirmed { get; internal set; }

    internal long SweepId { get; set; }
    internal int Position { get; set; }
}

public sealed class SweepRow : EmulatorRow
{
    public long Id => Seq;
    public required string BundleHash { get; init; }

    /// <summary>The bundle's transactions are derived from this seed when asked for, never stored (a sweep of many deposits has thousands).</summary>
    public required BundleTrytes Trytes { get; init; }
    public required string IntoHubAddress { get; init; }
    public required long CreatedAt { get; init; }
    public bool Confirmed { get; internal set; }
    public IReadOnlyList<SweepTail> Tails => TailList;

    /// <summary>The withdrawals this sweep paid, in the order they were requested; all assigned when the sweep is made.</summary>
    public IReadOnlyList<WithdrawalRow> Withdrawals => PaidList;

    internal List<SweepTail> TailList { get; } = [];
    internal List<WithdrawalRow> PaidList { get; } = [];
}

/// <summary>A value transfer confirmed on the simulated Tangle, waiting for the address monitor.</summary>
public sealed class TangleTransfer : EmulatorRow
{
    public required string Address { get; init; }
    public required long Amount { get; init; }
    public required string TailHash { get; init; }
    public bool SeenByMonitor { get; internal set; }
}
