namespace Exchange.Hub.Emulator.State;

// Hub's tables (PROTOCOL.md §3.1) plus the simulated Tangle, kept in memory and saved whole.

public enum AccountReason { Sweep = 0, Buy = 1, WithdrawCancel = 2, Withdraw = 3, Sell = 4 }

public enum AddressReason { Deposit = 0, Sweep = 1 }

public enum HubAddressReason { Inbound = 0, Outbound = 1 }

public sealed class UserAccountRow
{
    public required string Identifier { get; init; }
}

public sealed class UserAccountEvent
{
    public required string UserId { get; init; }
    public required long Amount { get; init; }
    public required AccountReason Reason { get; init; }
    public string? SweepBundleHash { get; init; }
    public string? WithdrawalUuid { get; init; }
    public required long At { get; init; }
}

public sealed class UserAddressRow
{
    public required string Address { get; init; }
    public required string UserId { get; init; }
    public required string SeedUuid { get; init; }
    public required long CreatedAt { get; init; }
    public long Balance { get; set; }
    public bool Swept { get; set; }
}

public sealed class UserAddressEvent
{
    public required string Address { get; init; }
    public required string UserId { get; init; }
    public required long Amount { get; init; }
    public required AddressReason Reason { get; init; }
    /// <summary>Deposit: the depositing bundle's tail. Sweep: the sweep bundle hash.</summary>
    public required string Hash { get; init; }
    public required long At { get; init; }
}

public sealed class HubAddressRow
{
    public required string Address { get; init; }
    public required string SeedUuid { get; init; }
    public required long CreatedAt { get; init; }
    public long Balance { get; set; }
    public bool Spent { get; set; }
}

public sealed class HubAddressEvent
{
    public required string Address { get; init; }
    public required long Amount { get; init; }
    public required HubAddressReason Reason { get; init; }
    public required string SweepBundleHash { get; init; }
    public required long At { get; init; }
}

public sealed class WithdrawalRow
{
    public required string Uuid { get; init; }
    public required string UserId { get; init; }
    public required long Amount { get; init; }
    public required string PayoutAddress { get; init; }
    public required string Tag { get; init; }
    public required long RequestedAt { get; init; }
    public string? SweepBundleHash { get; set; }
    public long? CancelledAt { get; set; }
}

public sealed class SweepTail
{
    public required string Hash { get; init; }
    public required long CreatedAt { get; init; }
    public bool Confirmed { get; set; }
}

public sealed class SweepRow
{
    public required long Id { get; init; }
    public required string BundleHash { get; init; }
    public required List<string> Trytes { get; init; }
    public required string IntoHubAddress { get; init; }
    public required long CreatedAt { get; init; }
    public bool Confirmed { get; set; }
    public List<SweepTail> Tails { get; init; } = [];
}

/// <summary>A value transfer confirmed on the simulated Tangle, waiting for the address monitor.</summary>
public sealed class TangleTransfer
{
    public required string Address { get; init; }
    public required long Amount { get; init; }
    public required string TailHash { get; init; }
    public bool SeenByMonitor { get; set; }
}

public sealed class EmulatorState
{
    public List<UserAccountRow> Users { get; init; } = [];
    public List<UserAccountEvent> AccountEvents { get; init; } = [];
    public List<UserAddressRow> UserAddresses { get; init; } = [];
    public List<UserAddressEvent> AddressEvents { get; init; } = [];
    public List<HubAddressRow> HubAddresses { get; init; } = [];
    public List<HubAddressEvent> HubAddressEvents { get; init; } = [];
    public List<WithdrawalRow> Withdrawals { get; init; } = [];
    public List<SweepRow> Sweeps { get; init; } = [];

    /// <summary>The simulated Tangle: confirmed balance per address, spent addresses, incoming transfers.</summary>
    public Dictionary<string, long> TangleBalances { get; init; } = [];
    public HashSet<string> SpentAddresses { get; init; } = [];
    public List<TangleTransfer> TangleTransfers { get; init; } = [];

    // Lookups kept beside the lists (and rebuilt after loading), so a Hub of 100k users answers in constant time.
    private Dictionary<string, UserAccountRow>? usersById;
    private Dictionary<string, long>? balances;
    private Dictionary<string, UserAddressRow>? addressesByValue;

    private Dictionary<string, UserAccountRow> UsersById => usersById ??= Users.ToDictionary(u => u.Identifier);
    private Dictionary<string, long> Balances => balances ??= AccountEvents.GroupBy(e => e.UserId).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));
    private Dictionary<string, UserAddressRow> AddressesByValue => addressesByValue ??= UserAddresses.ToDictionary(a => a.Address);

    public UserAccountRow? User(string id) => UsersById.GetValueOrDefault(id);

    public long BalanceOf(string userId) => Balances.GetValueOrDefault(userId);

    public UserAddressRow? UserAddress(string address) => AddressesByValue.GetValueOrDefault(address);

    public void AddUser(UserAccountRow user)
    {
        Users.Add(user);
        UsersById[user.Identifier] = user;
    }

    public void AddAccountEvent(UserAccountEvent e)
    {
        var before = BalanceOf(e.UserId);
        AccountEvents.Add(e);
        Balances[e.UserId] = before + e.Amount;
    }

    public void AddUserAddress(UserAddressRow address)
    {
        UserAddresses.Add(address);
        AddressesByValue[address.Address] = address;
    }

    public long TangleBalance(string address) => TangleBalances.GetValueOrDefault(address);

    public void MoveOnTangle(string address, long amount) => TangleBalances[address] = TangleBalance(address) + amount;
}
