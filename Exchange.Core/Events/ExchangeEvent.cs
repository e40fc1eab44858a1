namespace Exchange.Core.Events;

/// <summary>Something changed that a page may be showing. Events carry ids, never data to trust: pages re-read.</summary>
public abstract record ExchangeEvent
{
    /// <summary>The user the event concerns; null for operator-wide events.</summary>
    public virtual string? UserId => null;
}

public sealed record BalanceChanged(string User, string Coin) : ExchangeEvent
{
    public override string? UserId => User;
}

public sealed record DepositChanged(string User, long DepositId) : ExchangeEvent
{
    public override string? UserId => User;
}

public sealed record WithdrawalChanged(string User, long WithdrawalId, string State) : ExchangeEvent
{
    public override string? UserId => User;
}

public sealed record SweepChanged(string BundleHash) : ExchangeEvent;

public sealed record JobRan(string Job, bool Succeeded, string Summary) : ExchangeEvent;

/// <summary>The hot wallet got a top-up, or an operator sent from it to cold storage.</summary>
public sealed record HotWalletChanged : ExchangeEvent;

/// <summary>An operator changed something other operators' pages show (a coin's rules, a user's lock).</summary>
public sealed record OperatorActed(string Action) : ExchangeEvent;
