namespace Exchange.Core.Accounts;

/// <summary>
/// What an API key may do. A key carries the scopes chosen when it was created; a login cookie is
/// not limited by scopes.
/// </summary>
public static class ApiKeyScopes
{
    /// <summary>Balances, deposit address, withdrawals and history: reading only.</summary>
    public const string Read = "read";

    /// <summary>Request and cancel withdrawals, and issue deposit addresses.</summary>
    public const string Withdraw = "withdraw";

    /// <summary>The account's webhook endpoints: list, register, rotate, delete, test, redeliver (changes still take the two-factor code).</summary>
    public const string Webhooks = "webhooks";

    /// <summary>The operator API's reads (overview, queues, users, sweeps, audit).</summary>
    public const string OperatorRead = "operator:read";

    /// <summary>The operator API's writes (approve, reject, adjust, lock, revoke keys).</summary>
    public const string OperatorWrite = "operator:write";

    public static readonly IReadOnlyList<string> All = [Read, Withdraw, Webhooks, OperatorRead, OperatorWrite];

    /// <summary>Scopes that move money or act for the exchange: creating a key with one needs a two-factor code.</summary>
    public static bool NeedsTwoFactor(string scope) => scope is Withdraw or OperatorWrite;

    public static bool IsOperatorScope(string scope) => scope.StartsWith("operator:", StringComparison.Ordinal);

    public static IReadOnlyList<string> Parse(string stored) => stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
