namespace Exchange.Core.Events;

/// <summary>Something changed that a page may be showing. Events carry ids, never data to trust: pages re-read.</summary>
public abstract record ExchangeEvent
{
    /// <summary>The user the event concerns; null for operator-wide events.</summary>
    public virtual string? UserId => null;
}

/// <summary>A balance changed by something other than a deposit or a withdrawal (an operator's adjustment).</summary>
public sealed record BalanceChanged(string User, string Coin) : ExchangeEvent
{
    public override string? UserId => User;
}

/// <summary>
/// One balance-check run saw or credited these deposits of the user: one event per user and run,
/// and a credit needs no BalanceChanged besides, so a page reloads once for it.
/// </summary>
public sealed record DepositsChanged(string User, IReadOnlyList<long> DepositIds) : ExchangeEvent
{
    public override string? UserId => User;
}

public sealed record DepositAddressIssued(string User, long AddressId) : ExchangeEvent
{
    public override string? UserId => User;
}

/// <summary>A withdrawal moved to <paramref name="State"/>; what that did to the user's balance needs no event of its own.</summary>
public sealed record WithdrawalChanged(string User, long WithdrawalId, string State) : ExchangeEvent
{
    public override string? UserId => User;
}

/// <summary>Hub's sweep with this bundle was first seen, or its confirmation or tails changed.</summary>
public sealed record SweepChanged(string BundleHash) : ExchangeEvent;

/// <summary>A request moving deposits to the hot wallet was recorded, or its outcome became known.</summary>
public sealed record HotWalletBatchChanged(long BatchId, string State) : ExchangeEvent;

public sealed record JobRan(string Job, bool Succeeded, string Summary) : ExchangeEvent;

/// <summary>The hot wallet got a top-up, or an operator sent from it to cold storage.</summary>
public sealed record HotWalletChanged : ExchangeEvent;

/// <summary>An operator changed something other operators' pages show (a coin's rules, a user's lock).</summary>
public sealed record OperatorActed(string Action) : ExchangeEvent;

/// <summary>The operators' overview was computed again; pages showing it read the new one.</summary>
public sealed record OverviewUpdated : ExchangeEvent;

/// <summary>A request waiting for a second operator was made or decided, or the cold-storage allow-list changed.</summary>
public sealed record ApprovalsChanged(long RequestId) : ExchangeEvent;
