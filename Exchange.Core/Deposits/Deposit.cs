namespace Exchange.Core.Deposits;

/// <summary>
/// Where a deposit is, as the user sees it.
/// Incoming: Hub saw it confirmed on the Tangle (UA_DEPOSIT) but has not swept it; not spendable yet.
/// Credited: Hub swept the address (DEPOSIT) and the ledger credited the user.
/// </summary>
public enum DepositState
{
    Incoming,
    Credited,
}

/// <summary>A deposit to one of the user's addresses.</summary>
public sealed class Deposit
{
    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string Coin { get; private set; } = "";
    public long? DepositAddressId { get; private set; }
    public long Amount { get; private set; }
    public DepositState State { get; private set; }

    /// <summary>Tail hash of the depositing bundle, from Hub's UA_DEPOSIT event.</summary>
    public string? TailHash { get; private set; }

    /// <summary>Hub's sweep bundle, from the DEPOSIT event that credits it.</summary>
    public string? SweepBundleHash { get; private set; }

    /// <summary>The Hub event that reported it (UA_DEPOSIT, or DEPOSIT when first seen credited): never recorded twice.</summary>
    public string? HubEventKey { get; private set; }

    public DateTime SeenAt { get; private set; }
    public DateTime? CreditedAt { get; private set; }

    private Deposit() { }

    public static Deposit Incoming(string userId, string coin, long? depositAddressId, long amount, string? tailHash, DateTime now, string? hubEventKey = null) =>
        amount > 0
            ? new Deposit
            {
                UserId = userId, Coin = coin, DepositAddressId = depositAddressId, Amount = amount, TailHash = tailHash,
                State = DepositState.Incoming, SeenAt = now, HubEventKey = hubEventKey,
            }
            : throw new ArgumentOutOfRangeException(nameof(amount), "A deposit is a positive amount.");

    /// <summary>A deposit Hub credited without the exchange having seen it arrive (it was offline, say).</summary>
    public static Deposit CreditedDirectly(string userId, string coin, long? depositAddressId, long amount, string sweepBundleHash, DateTime now, string? hubEventKey = null)
    {
        var deposit = Incoming(userId, coin, depositAddressId, amount, null, now, hubEventKey);
        deposit.MarkCredited(sweepBundleHash, now);
        return deposit;
    }

    /// <summary>Incoming to Credited; refused (false) from any other state.</summary>
    public bool MarkCredited(string sweepBundleHash, DateTime now)
    {
        if (State != DepositState.Incoming)
            return false;
        State = DepositState.Credited;
        SweepBundleHash = sweepBundleHash;
        CreditedAt = now;
        return true;
    }
}
