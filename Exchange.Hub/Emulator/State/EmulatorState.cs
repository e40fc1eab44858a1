namespace Exchange.Hub.Emulator.State;

/// <summary>
/// The emulator's working set: Hub's rows in memory with the indexes every command and tick looks
/// things up by, so no operation scans everything. Every change goes through a method here, which
/// marks the row for the store (<see cref="Changes"/>).
/// </summary>
public sealed class EmulatorState
{
    private readonly Dictionary<string, UserAccountRow> users = [];
    private readonly Dictionary<string, UserAddressRow> userAddresses = [];
    private readonly Dictionary<string, HubAddressRow> hubAddresses = [];
    private readonly Dictionary<string, WithdrawalRow> withdrawals = [];
    private readonly Dictionary<string, SweepRow> sweepsByBundle = [];
    private readonly Dictionary<string, long> tangleBalances = [];
    private readonly HashSet<string> spent = [];
    private readonly Queue<TangleTransfer> unseenTransfers = new();
    private readonly SortedSet<UserAddressRow> unsweptWithBalance = new(Comparer<UserAddressRow>.Create((a, b) => a.Seq.CompareTo(b.Seq)));
    private readonly SortedSet<WithdrawalRow> pendingWithdrawals = new(Comparer<WithdrawalRow>.Create((a, b) =>
        a.RequestedAt != b.RequestedAt ? a.RequestedAt.CompareTo(b.RequestedAt) : a.Seq.CompareTo(b.Seq)));
    private readonly SortedSet<HubAddressRow> fundedHubAddresses = new(Comparer<HubAddressRow>.Create((a, b) =>
        a.Balance != b.Balance ? a.Balance.CompareTo(b.Balance) : a.Seq.CompareTo(b.Seq)));
    private readonly SortedSet<SweepRow> unconfirmedSweeps = new(Comparer<SweepRow>.Create((a, b) => a.Id.CompareTo(b.Id)));
    private readonly List<UserAccountRow> userList = [];
    private readonly List<UserAddressRow> userAddressList = [];
    private readonly List<HubAddressRow> hubAddressList = [];
    private readonly List<WithdrawalRow> withdrawalList = [];
    private long transferCount;
    private int ignoredTransfers;
    private long tailCount;

    public ChangeSet Changes { get; } = new();

    public EventLog<UserAccountEventRow> AccountEvents { get; } = new(e => e.At);
    public EventLog<UserAddressEventRow> AddressEvents { get; } = new(e => e.At);
    public EventLog<HubAddressEventRow> HubAddressEvents { get; } = new(e => e.At);
    public EventLog<SweepRow> Sweeps { get; } = new(s => s.CreatedAt);

    public IReadOnlyList<UserAccountRow> Users => userList;
    public IReadOnlyList<UserAddressRow> UserAddresses => userAddressList;
    public IReadOnlyList<HubAddressRow> HubAddresses => hubAddressList;
    public IReadOnlyList<WithdrawalRow> Withdrawals => withdrawalList;

    /// <summary>The sum of every account event: GetStats.</summary>
    public long TotalBalance { get; private set; }

    public UserAccountRow? User(string id) => users.GetValueOrDefault(id);

    /// <summary>The user's own id string, so a million rows that name a user share one copy of it.</summary>
    internal string Shared(string userId) => User(userId)?.Identifier ?? userId;

    public long BalanceOf(string userId) => User(userId)?.Balance ?? 0;

    public void AddUser(UserAccountRow user)
    {
        user.Seq = userList.Count + 1;
        users.Add(user.Identifier, user);
        userList.Add(user);
        Changes.Mark(user);
    }

    public void AddAccountEvent(UserAccountEventRow e)
    {
        var user = users[e.UserId];
        e.Seq = AccountEvents.Count + 1;
        e.PreviousOfUser = user.LastEvent;
        user.LastEvent = e;
        user.Balance += e.Amount;
        TotalBalance += e.Amount;
        AccountEvents.Add(e);
        Changes.Mark(e);
    }

    /// <summary>A user's account events, oldest first.</summary>
    public IEnumerable<UserAccountEventRow> AccountEventsOf(UserAccountRow user)
    {
        var newestFirst = new List<UserAccountEventRow>();
        for (var e = user.LastEvent; e is not null; e = e.PreviousOfUser) newestFirst.Add(e);
        newestFirst.Reverse();
        return newestFirst;
    }

    public UserAddressRow? UserAddress(string address) => userAddresses.GetValueOrDefault(address);

    public void AddUserAddress(UserAddressRow address)
    {
        address.Seq = userAddressList.Count + 1;
        userAddresses.Add(address.Address, address);
        userAddressList.Add(address);
        IndexUnswept(address);
        Changes.Mark(address);
    }

    public void CreditAddress(UserAddressRow address, long amount)
    {
        address.Balance += amount;
        IndexUnswept(address);
        Changes.Mark(address);
    }

    public void MarkSwept(UserAddressRow address)
    {
        address.Swept = true;
        address.Balance = 0;
        IndexUnswept(address);
        Changes.Mark(address);
    }

    /// <summary>Deposit addresses not swept yet that hold a balance, oldest first: what the next sweep takes.</summary>
    public List<UserAddressRow> UnsweptWithBalance(int max) => unsweptWithBalance.Take(max).ToList();

    public void AddAddressEvent(UserAddressEventRow e)
    {
        e.Seq = AddressEvents.Count + 1;
        AddressEvents.Add(e);
        Changes.Mark(e);
    }

    public void AddHubAddress(HubAddressRow hub)
    {
        hub.Seq = hubAddressList.Count + 1;
        hubAddresses.Add(hub.Address, hub);
        hubAddressList.Add(hub);
        if (!hub.Spent && hub.Balance > 0) fundedHubAddresses.Add(hub);
        Changes.Mark(hub);
    }

    public void SpendHubAddress(HubAddressRow hub)
    {
        fundedHubAddresses.Remove(hub);
        hub.Balance = 0;
        hub.Spent = true;
        Changes.Mark(hub);
    }

    /// <summary>Unspent hub addresses holding a balance, smallest first (ties in the order they were made).</summary>
    public IEnumerable<HubAddressRow> FundedHubAddresses => fundedHubAddresses;

    public void AddHubAddressEvent(HubAddressEventRow e)
    {
        e.Seq = HubAddressEvents.Count + 1;
        HubAddressEvents.Add(e);
        Changes.Mark(e);
    }

    public WithdrawalRow? Withdrawal(string uuid) => withdrawals.GetValueOrDefault(uuid);

    public void AddWithdrawal(WithdrawalRow withdrawal)
    {
        withdrawal.Seq = withdrawalList.Count + 1;
        withdrawals.TryAdd(withdrawal.Uuid, withdrawal);
        withdrawalList.Add(withdrawal);
        if (withdrawal.IsPending) pendingWithdrawals.Add(withdrawal);
        if (withdrawal.SweepBundleHash is { } bundle) Sweep(bundle)?.PaidList.Add(withdrawal);
        Changes.Mark(withdrawal);
    }

    public void CancelWithdrawal(WithdrawalRow withdrawal, long at)
    {
        pendingWithdrawals.Remove(withdrawal);
        withdrawal.CancelledAt = at;
        Changes.Mark(withdrawal);
    }

    /// <summary>Pending withdrawals requested by <paramref name="now"/>, oldest request first.</summary>
    public List<WithdrawalRow> PendingWithdrawals(long now, int max) =>
        pendingWithdrawals.TakeWhile(w => w.RequestedAt <= now).Take(max).ToList();

    public void PayInSweep(IEnumerable<WithdrawalRow> paid, SweepRow sweep)
    {
        foreach (var withdrawal in paid)
        {
            pendingWithdrawals.Remove(withdrawal);
            withdrawal.SweepBundleHash = sweep.BundleHash;
            sweep.PaidList.Add(withdrawal);
            Changes.Mark(withdrawal);
        }
        sweep.PaidList.Sort((a, b) => a.Seq.CompareTo(b.Seq));
    }

    public SweepRow? Sweep(string bundle) => sweepsByBundle.GetValueOrDefault(bundle);

    public void AddSweep(SweepRow sweep)
    {
        sweep.Seq = Sweeps.Count + 1;
        sweepsByBundle.TryAdd(sweep.BundleHash, sweep);
        if (!sweep.Confirmed)
        {
            unconfirmedSweeps.Add(sweep);
            if (hubAddresses.GetValueOrDefault(sweep.IntoHubAddress) is { } into) into.UnconfirmedSweeps++;
        }
        Sweeps.Add(sweep);
        Changes.Mark(sweep);
    }

    public List<SweepRow> UnconfirmedSweeps(long createdBy) => unconfirmedSweeps.Where(s => s.CreatedAt <= createdBy).ToList();

    public void AddTail(SweepRow sweep, SweepTail tail)
    {
        if (tail.Seq == 0) tail.Seq = ++tailCount;
        tail.SweepId = sweep.Id;
        tail.Position = sweep.TailList.Count;
        sweep.TailList.Add(tail);
        Changes.Mark(tail);
    }

    /// <summary>The last tail and the sweep confirm; the hub address it filled can fund sweeps once all sweeps into it have.</summary>
    public void Confirm(SweepRow sweep)
    {
        var tail = sweep.TailList[^1];
        tail.Confirmed = true;
        Changes.Mark(tail);
        ConfirmLoaded(sweep);
        Changes.Mark(sweep);
    }

    /// <summary>Loading: a sweep read as unconfirmed that the file says is confirmed.</summary>
    internal void ConfirmLoaded(SweepRow sweep)
    {
        if (!unconfirmedSweeps.Remove(sweep)) return;
        sweep.Confirmed = true;
        if (hubAddresses.GetValueOrDefault(sweep.IntoHubAddress) is { } into) into.UnconfirmedSweeps--;
    }

    public long TangleBalance(string address) => tangleBalances.GetValueOrDefault(address);

    public IReadOnlyDictionary<string, long> TangleBalances => tangleBalances;

    public void MoveOnTangle(string address, long amount)
    {
        tangleBalances[address] = TangleBalance(address) + amount;
        Changes.MarkTangle(address);
    }

    public bool IsSpent(string address) => spent.Contains(address);

    public int SpentCount => spent.Count;

    public void MarkSpent(string address)
    {
        if (spent.Add(address)) Changes.MarkSpent(address);
    }

    public void AddTransfer(TangleTransfer transfer)
    {
        if (transfer.Seq == 0) transfer.Seq = ++transferCount;
        if (!transfer.SeenByMonitor) unseenTransfers.Enqueue(transfer);
        Changes.Mark(transfer);
    }

    /// <summary>Transfers the monitor has not credited, in the order they arrived; each is handed out once.</summary>
    public IEnumerable<TangleTransfer> TakeUnseenTransfers()
    {
        while (unseenTransfers.TryDequeue(out var transfer)) yield return transfer;
    }

    /// <summary>A transfer the monitor will never credit (to a swept address): it stays unseen, but is not looked at again.</summary>
    public void IgnoreTransfer() => ignoredTransfers++;

    public void MarkSeen(TangleTransfer transfer)
    {
        transfer.SeenByMonitor = true;
        Changes.Mark(transfer);
    }

    public int UnseenTransferCount => unseenTransfers.Count + ignoredTransfers;

    internal void Loaded(long transfers, long tails)
    {
        transferCount = transfers;
        tailCount = tails;
    }

    internal void LoadTangleBalance(string address, long balance) => tangleBalances[address] = balance;

    private void IndexUnswept(UserAddressRow address)
    {
        if (!address.Swept && address.Balance > 0) unsweptWithBalance.Add(address);
        else unsweptWithBalance.Remove(address);
    }
}
