namespace Exchange.Core.Withdrawals;

/// <summary>The idempotency key a withdrawal request may carry (a form's per-render GUID, an API client's <c>Idempotency-Key</c>).</summary>
public static class RequestKeys
{
    /// <summary>Null when <paramref name="key"/> is absent or well formed; else what is wrong with it.</summary>
    public static string? Problem(string? key) =>
        key is null || key.Length is > 0 and <= Withdrawal.RequestKeyMaxLength && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? null
            : $"An idempotency key is 1 to {Withdrawal.RequestKeyMaxLength} letters, digits, '-' or '_' (a GUID will do).";
}
