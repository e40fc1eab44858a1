using System.Net;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Security;

/// <summary>How hard guessing is made: account lockout, request rate limits and which proxies are believed.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Wrong passwords or two-factor codes in a row that lock an account.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>
    /// Addresses of the reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
    /// believed. Empty, the headers are ignored: anyone could send them to escape the rate limits.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    public RateLimitOptions RateLimits { get; set; } = new();

    public IEnumerable<string> Problems()
    {
        if (MaxFailedAttempts is < 1 or > 100)
            yield return "Security:MaxFailedAttempts must be 1 to 100.";
        if (LockoutMinutes is < 1 or > 60 * 24 * 30)
            yield return "Security:LockoutMinutes must be 1 to 43200 (30 days).";
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
            yield return $"Security:KnownProxies: '{proxy}' is not an IP address.";
        foreach (var problem in RateLimits.Problems())
            yield return problem;
    }
}

/// <summary>Requests allowed per window; a request over the limit is answered 429 with <c>Retry-After</c>.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Login, two-factor and recovery-code posts per client address per minute.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Login posts per typed email per minute, from any address (above <see cref="SecurityOptions.MaxFailedAttempts"/>, so a lockout is said before a limit).</summary>
    public int SignInPerAccountPerMinute { get; set; } = 10;

    /// <summary>Register and forgot-password posts per client address per minute.</summary>
    public int AccountFormsPerMinute { get; set; } = 5;

    /// <summary>API writes (POST, PUT, PATCH, DELETE under /api/v1) per user, or per address when signed out, per minute.</summary>
    public int ApiWritesPerMinute { get; set; } = 60;

    /// <summary>New deposit addresses per user per hour, on the page and the API together.</summary>
    public int DepositAddressesPerHour { get; set; } = 10;

    public IEnumerable<string> Problems()
    {
        (string Name, int Value)[] limits =
        [
            (nameof(SignInPerMinute), SignInPerMinute), (nameof(SignInPerAccountPerMinute), SignInPerAccountPerMinute),
            (nameof(AccountFormsPerMinute), AccountFormsPerMinute), (nameof(ApiWritesPerMinute), ApiWritesPerMinute),
            (nameof(DepositAddressesPerHour), DepositAddressesPerHour),
        ];
        return limits.Where(l => l.Value < 1).Select(l => $"Security:RateLimits:{l.Name} must be at least 1.");
    }
}

public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
