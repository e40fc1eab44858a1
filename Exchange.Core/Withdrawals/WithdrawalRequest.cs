namespace Exchange.Core.Withdrawals;

/// <summary>
/// What a user typed: the amount in the coin's display unit, the address as pasted, the
/// authenticator code. <paramref name="IdempotencyKey"/> names one intent (a form render, an API
/// call and its retries): the same key again answers with the withdrawal it created.
/// <paramref name="AddressBookId"/> pays to a saved address instead of a typed one.
/// </summary>
public sealed record WithdrawalRequest(string UserId, string Coin, string? Amount, string? Address, string? TwoFactorCode = null, string? IdempotencyKey = null,
    long? AddressBookId = null);
