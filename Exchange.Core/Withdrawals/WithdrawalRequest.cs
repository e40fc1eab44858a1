namespace Exchange.Core.Withdrawals;

/// <summary>What a user typed: the amount in the coin's display unit, the address as pasted.</summary>
public sealed record WithdrawalRequest(string UserId, string Coin, string? Amount, string? Address);
