using Exchange.Hub.Emulator.State;

namespace Exchange.Hub.Emulator;

public enum EmulatorService
{
    Monitor,
    Sweep,
    Attachment,
}

// Hub's three background services over the simulated Tangle (PROTOCOL.md §3.4-3.6).
public sealed partial class HubEmulator
{
    /// <summary>Runs one tick of a service now; false when it skipped because the node is unavailable.</summary>
    public bool Tick(EmulatorService service) => Change(() =>
    {
        if (Faults.NodeUnavailable) return false;
        switch (service)
        {
            case EmulatorService.Monitor: MonitorAddresses(); break;
            case EmulatorService.Sweep: Sweep(); break;
            case EmulatorService.Attachment: AttachSweeps(); break;
        }
        return true;
    });

    /// <summary>A confirmed value transfer to a user deposit address; the next monitor tick sees it.</summary>
    public string Deposit(string address81, long amount) => Change(() =>
    {
        var tail = TryteValues.TailHash();
        state.MoveOnTangle(address81, amount);
        state.TangleTransfers.Add(new TangleTransfer { Address = address81, Amount = amount, TailHash = tail });
        return tail;
    });

    /// <summary>CreateUser (when new) and GetDepositAddress for many users at once, for seeding large benchmarks; returns 90-tryte addresses.</summary>
    public IReadOnlyList<string> IssueAddresses(IReadOnlyList<string> userIds) => Change(() =>
    {
        var now = Now();
        return userIds.Select(userId =>
        {
            if (state.User(userId) is null) state.AddUser(new UserAccountRow { Identifier = userId });
            var address = TryteValues.Hash();
            state.AddUserAddress(new UserAddressRow { Address = address, UserId = userId, SeedUuid = TryteValues.SeedUuid(), CreatedAt = now });
            return Iota.AddressChecksum.Add(address);
        }).ToList();
    });

    public bool IsUserAddress(string address81) => Read(s => s.UserAddress(address81) is not null);

    public void MarkSpent(string address81) => Change(() => state.SpentAddresses.Add(address81));

    // Swept addresses are never watched again: what arrives there later is never credited.
    private void MonitorAddresses()
    {
        var now = Now();
        foreach (var transfer in state.TangleTransfers.Where(t => !t.SeenByMonitor))
        {
            if (state.UserAddress(transfer.Address) is not { Swept: false } address) continue;
            transfer.SeenByMonitor = true;
            address.Balance += transfer.Amount;
            state.AddressEvents.Add(new UserAddressEvent
            {
                Address = address.Address, UserId = address.UserId, Amount = transfer.Amount, Reason = AddressReason.Deposit, Hash = transfer.TailHash, At = now,
            });
        }
    }

    private void Sweep()
    {
        var now = Now();
        var withdrawals = state.Withdrawals
            .Where(w => w.SweepBundleHash is null && w.CancelledAt is null && w.RequestedAt <= now)
            .OrderBy(w => w.RequestedAt).Take(Options.SweepMaxWithdrawals).ToList();
        var deposits = state.UserAddresses.Where(a => !a.Swept && a.Balance > 0).Take(Options.SweepMaxDeposits).ToList();
        if (withdrawals.Count == 0 && deposits.Count == 0) return;

        var depositTotal = deposits.Sum(a => a.Balance);
        var payoutTotal = withdrawals.Sum(w => w.Amount);
        var hubInputs = HubInputsFor(payoutTotal - depositTotal, now);
        if (hubInputs is null)
        {
            // Not enough funds: the withdrawals wait (still cancellable), the deposits are swept anyway.
            withdrawals.Clear();
            payoutTotal = 0;
            hubInputs = [];
        }
        if (withdrawals.Count == 0 && deposits.Count == 0) return;

        var remainder = depositTotal + hubInputs.Sum(h => h.Balance) - payoutTotal;
        var bundle = TryteValues.Hash();
        var into = NewHubAddress(now, remainder);
        var inputs = deposits.Count + hubInputs.Count;
        state.Sweeps.Add(new SweepRow
        {
            Id = state.Sweeps.Count + 1, BundleHash = bundle, Trytes = BundleTrytes(inputs, withdrawals.Count + 1), IntoHubAddress = into.Address, CreatedAt = now,
        });
        state.HubAddressEvents.Add(new HubAddressEvent { Address = into.Address, Amount = remainder, Reason = HubAddressReason.Inbound, SweepBundleHash = bundle, At = now });
        foreach (var input in hubInputs) SpendHubAddress(input, bundle, now);
        foreach (var address in deposits) SweepDepositAddress(address, bundle, now);
        foreach (var withdrawal in withdrawals)
        {
            withdrawal.SweepBundleHash = bundle;
            state.MoveOnTangle(withdrawal.PayoutAddress, withdrawal.Amount);
        }
        state.MoveOnTangle(into.Address, remainder);
    }

    /// <summary>Hub addresses to add when deposits do not cover the payouts, smallest first; null when even all of them are not enough.</summary>
    private List<HubAddressRow>? HubInputsFor(long shortfall, long now)
    {
        var chosen = new List<HubAddressRow>();
        var eligible = state.HubAddresses
            .Where(h => !h.Spent && h.Balance > 0 && h.CreatedAt < now && state.Sweeps.Where(s => s.IntoHubAddress == h.Address).All(s => s.Confirmed))
            .OrderBy(h => h.Balance);
        foreach (var hub in eligible)
        {
            if (shortfall <= 0) break;
            chosen.Add(hub);
            shortfall -= hub.Balance;
        }
        return shortfall <= 0 ? chosen : null;
    }

    private void SweepDepositAddress(UserAddressRow address, string bundle, long now)
    {
        var amount = address.Balance;
        state.AddressEvents.Add(new UserAddressEvent { Address = address.Address, UserId = address.UserId, Amount = -amount, Reason = AddressReason.Sweep, Hash = bundle, At = now });
        state.AddAccountEvent(new UserAccountEvent { UserId = address.UserId, Amount = amount, Reason = AccountReason.Sweep, SweepBundleHash = bundle, At = now });
        address.Swept = true;
        address.Balance = 0;
        state.MoveOnTangle(address.Address, -amount);
        state.SpentAddresses.Add(address.Address);
    }

    private void SpendHubAddress(HubAddressRow hub, string bundle, long now)
    {
        state.HubAddressEvents.Add(new HubAddressEvent { Address = hub.Address, Amount = -hub.Balance, Reason = HubAddressReason.Outbound, SweepBundleHash = bundle, At = now });
        state.MoveOnTangle(hub.Address, -hub.Balance);
        state.SpentAddresses.Add(hub.Address);
        hub.Balance = 0;
        hub.Spent = true;
    }

    private HubAddressRow NewHubAddress(long now, long balance)
    {
        var hub = new HubAddressRow { Address = TryteValues.Hash(), SeedUuid = TryteValues.SeedUuid(), CreatedAt = now, Balance = balance };
        state.HubAddresses.Add(hub);
        return hub;
    }

    private List<string> BundleTrytes(int inputs, int outputs) =>
        Enumerable.Range(0, inputs * Options.KeySecurityLevel + outputs).Select(_ => TryteValues.Random(2673)).ToList();

    // First attachment on the first tick after the sweep, reattachment when a tail grows old,
    // confirmation once the first attachment is ConfirmationDelay old.
    private void AttachSweeps()
    {
        var now = Now();
        foreach (var sweep in state.Sweeps.Where(s => !s.Confirmed && s.CreatedAt <= now))
        {
            if (sweep.Tails.Count == 0)
                sweep.Tails.Add(new SweepTail { Hash = TryteValues.TailHash(), CreatedAt = now });
            else if (now - sweep.Tails[0].CreatedAt >= (long)Options.ConfirmationDelay.TotalMilliseconds)
                sweep.Tails[^1].Confirmed = sweep.Confirmed = true;
            else if (now - sweep.Tails[^1].CreatedAt >= (long)Options.ReattachAfter.TotalMilliseconds)
                sweep.Tails.Add(new SweepTail { Hash = TryteValues.TailHash(), CreatedAt = now });
        }
    }
}
