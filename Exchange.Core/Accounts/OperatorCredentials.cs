namespace Exchange.Core.Accounts;

/// <summary>Who acts as an operator, with the two-factor code they gave for this one action (a code is good once).</summary>
public sealed record OperatorCredentials(string OperatorId, string? TwoFactorCode);
