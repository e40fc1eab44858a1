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
    public string Deposit(string address81, long amount) => Deposits([(address81, amount)])[0];

    /// <summary>Many confirmed transfers at once (one write), for seeding large benchmarks; returns their tail hashes.</summary>
    public IReadOnlyList<string> Deposits(IReadOnlyList<(string Address81, long Amount)> transfers) => Change(() =>
        transfers.Select(t =>
        {
            var tail = TryteValues.TailHash();
            var address = state.UserAddress(t.Address81)?.Address ?? t.Address81;
            state.MoveOnTangle(address, t.Amount);
            state.AddTransfer(new TangleTransfer { Address = address, Amount = t.Amount, TailHash = tail });
            return tail;
        }).ToList());

    /// <summary>CreateUser (when new) and GetDepositAddress for many users at once, for seeding large benchmarks; returns 90-tryte addresses.</summary>
    public IReadOnlyList<string> IssueAddresses(IReadOnlyList<string> userIds) => Change(() =>
    {
        var now = Now();
        return userIds.Select(userId =>
        {
            if (state.User(userId) is null) state.AddUser(new UserAccountRow { Identifier = userId });
            var address = TryteValues.Hash();
            state.AddUserAddress(new UserAddressRow { Address = address, UserId = state.Shared(userId), SeedUuid = TryteValues.SeedUuid(), CreatedAt = now });
            return Iota.AddressChecksum.Add(address);
        }).ToList();
    });

    public bool IsUserAddress(string address81) => Read(s => s.UserAddress(address81) is not null);

    public void MarkSpent(string address81) => Change(() =>
    {
        state.MarkSpent(address81);
        return true;
    });

    // Swept addresses are never watched again: what arrives there later is never credited.
    private void MonitorAddresses()
    {
        var now = Now();
        foreach (var transfer in state.TakeUnseenTransfers())
        {
            if (state.UserAddress(transfer.Address) is not { Swept: false } address)
            {
                state.IgnoreTransfer();
                continue;
            }
            state.MarkSeen(transfer);
            state.CreditAddress(address, transfer.Amount);
            state.AddAddressEvent(new UserAddressEventRow
            {
                Address = address.Address, UserId = address.UserId, Amount = transfer.Amount, Reason = AddressReason.Deposit, Hash = transfer.TailHash, At = now,
            });
        }
    }

    private void Sweep()
    {
        var now = Now();
        var withdrawals = state.PendingWithdrawals(now, Options.SweepMaxWithdrawals);
        var deposits = state.UnsweptWithBalance(Options.SweepMaxDeposits);
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
        var sweep = new SweepRow
        {
            BundleHash = bundle, Trytes = BundleTrytes.New(inputs * Options.KeySecurityLevel + withdrawals.Count + 1), IntoHubAddress = into.Address, CreatedAt = now,
        };
        state.AddSweep(sweep);
        state.PayInSweep(withdrawals, sweep);
        state.AddHubAddressEvent(new HubAddressEventRow { Address = into.Address, Amount = remainder, Reason = HubAddressReason.Inbound, SweepBundleHash = bundle, At = now });
        foreach (var input in hubInputs) SpendHubAddress(input, bundle, now);
        foreach (var address in deposits) SweepDepositAddress(address, bundle, now);
        foreach (var withdrawal in withdrawals) state.MoveOnTangle(withdrawal.PayoutAddress, withdrawal.Amount);
        state.MoveOnTangle(into.Address, remainder);
    }

    /// <summary>Hub addresses to add when deposits do not cover the payouts, smallest first; null when even all of them are not enough.</summary>
    private List<HubAddressRow>? HubInputsFor(long shortfall, long now)
    {
        var chosen = new List<HubAddressRow>();
        foreach (var hub in state.FundedHubAddresses)
        {
            if (shortfall <= 0) break;
            if (hub.CreatedAt >= now || hub.UnconfirmedSweeps > 0) continue;
            chosen.Add(hub);
            shortfall -= hub.Balance;
        }
        return shortfall <= 0 ? chosen : null;
    }

    private void SweepDepositAddress(UserAddressRow address, string bundle, long now)
    {
        var amount = address.Balance;
        state.AddAddressEvent(new UserAddressEventRow { Address = address.Address, UserId = address.UserId, Amount = -amount, Reason = AddressReason.Sweep, Hash = bundle, At = now });
        state.AddAccountEvent(new UserAccountEventRow { UserId = address.UserId, Amount = amount, Reason = AccountReason.Sweep, SweepBundleHash = bundle, At = now });
        state.MarkSwept(address);
        state.MoveOnTangle(address.Address, -amount);
        state.MarkSpent(address.Address);
    }

    private void SpendHubAddress(HubAddressRow hub, string bundle, long now)
    {
        state.AddHubAddressEvent(new HubAddressEventRow { Address = hub.Address, Amount = -hub.Balance, Reason = HubAddressReason.Outbound, SweepBundleHash = bundle, At = now });
        state.MoveOnTangle(hub.Address, -hub.Balance);
        state.MarkSpent(hub.Address);
        state.SpendHubAddress(hub);
    }

    private HubAddressRow NewHubAddress(long now, long balance)
    {
        var hub = new HubAddressRow { Address = TryteValues.Hash(), SeedUuid = TryteValues.SeedUuid(), CreatedAt = now, Balance = balance };
        state.AddHubAddress(hub);
        return hub;
    }

    // First attachment on the first tick after the sweep, reattachment when a tail grows old,
    // confirmation once the first attachment is ConfirmationDelay old.
    private void AttachSweeps()
    {
        var now = Now();
        foreach (var sweep in state.UnconfirmedSweeps(now))
        {
            if (sweep.Tails.Count == 0)
                state.AddTail(sweep, new SweepTail { Hash = TryteValues.TailHash(), CreatedAt = now });
            else if (now - sweep.Tails[0].CreatedAt >= (long)Options.ConfirmationDelay.TotalMilliseconds)
                state.Confirm(sweep);
            else if (now - sweep.Tails[^1].CreatedAt >= (long)Options.ReattachAfter.TotalMilliseconds)
                state.AddTail(sweep, new SweepTail { Hash = TryteValues.TailHash(), CreatedAt = now });
        }
    }
}
