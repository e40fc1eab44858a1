using System.Threading.RateLimiting;
using RedisRateLimiting;

namespace Exchange.Web.Security;

/// <summary>
/// A fixed window counted in Redis, so that every node sees the same count; while Redis is not
/// reachable, a window counted on this node alone. It never fails a request and never waits on a
/// dead Redis: a command that fails or times out is counted locally instead.
/// </summary>
internal sealed class SharedFixedWindowLimiter(string key, int permits, TimeSpan window, RateLimitRedis redis) : RateLimiter
{
    private static readonly NotAcquiredYet AskAsync = new();
    private readonly FixedWindowRateLimiter local = new(RateLimits.Window(permits, window));
    private RedisFixedWindowRateLimiter<string>? shared;

    public override TimeSpan? IdleDuration =>
        local.IdleDuration is { } localIdle && (shared is null ? localIdle : shared.IdleDuration) is { } sharedIdle
            ? TimeSpan.FromTicks(Math.Min(localIdle.Ticks, sharedIdle.Ticks))
            : null;

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    // Redis answers only asynchronously: while it is up, the middleware is sent on to AcquireAsync.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        SharedOrNull() is null ? Local(() => local.AttemptAcquire(permitCount)) : AskAsync;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (SharedOrNull() is not { } limiter)
            return Local(() => local.AttemptAcquire(permitCount));
        try
        {
            var lease = await limiter.AcquireAsync(permitCount, cancellationToken);
            redis.Shared();
            return new SharedLease(lease);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            redis.FellBack(e);
            return local.AttemptAcquire(permitCount);
        }
    }

    /// <summary>The Redis window while Redis is connected, else null.</summary>
    private RedisFixedWindowRateLimiter<string>? SharedOrNull()
    {
        if (redis.Connection is not { } connection) return null;
        if (shared is { } existing) return existing;
        var created = new RedisFixedWindowRateLimiter<string>(key, new RedisFixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = window, ConnectionMultiplexerFactory = () => connection,
        });
        if (Interlocked.CompareExchange(ref shared, created, null) is { } first)
        {
            created.Dispose();
            return first;
        }
        return created;
    }

    private RateLimitLease Local(Func<RateLimitLease> acquire)
    {
        redis.FellBack();
        return acquire();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            local.Dispose();
            shared?.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Redis's lease with its wait as the <see cref="MetadataName.RetryAfter"/> the 429 answer reads.</summary>
    private sealed class SharedLease(RateLimitLease lease) : RateLimitLease
    {
        public override bool IsAcquired => lease.IsAcquired;

        public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (metadataName == MetadataName.RetryAfter.Name && lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var seconds))
            {
                metadata = TimeSpan.FromSeconds(seconds);
                return true;
            }
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) lease.Dispose();
            base.Dispose(disposing);
        }
    }

    private sealed class NotAcquiredYet : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
