using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Security;

/// <summary>
/// Limits the middleware cannot apply because they need what the request means: the email typed into
/// the login form, and new deposit addresses, which the Blazor page asks for over its circuit as
/// well as the API over HTTP. Each check returns null when allowed, else how long to wait.
/// </summary>
public sealed class RateLimitGate(IOptions<SecurityOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> signIns = PerKey(options.Value.RateLimits.SignInPerAccountPerMinute, TimeSpan.FromMinutes(1));
    private readonly PartitionedRateLimiter<string> depositAddresses = PerKey(options.Value.RateLimits.DepositAddressesPerHour, TimeSpan.FromHours(1));

    public TimeSpan? SignIn(string email) => Acquire(signIns, email.Trim().ToUpperInvariant());

    public TimeSpan? NewDepositAddress(string userId) => Acquire(depositAddresses, userId);

    private static TimeSpan? Acquire(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    private static PartitionedRateLimiter<string> PerKey(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => RateLimits.Window(permits, window)));

    public void Dispose()
    {
        signIns.Dispose();
        depositAddresses.Dispose();
    }
}
