using StackExchange.Redis;

namespace Exchange.Web.Security;

/// <summary>
/// The Redis connection the nodes count their shared rate limits in (<c>Events:Redis</c>, a
/// connection of its own beside the live updates'). It connects in the background and never holds
/// up a request: while it is not connected the limits count on this node alone, which is logged once
/// per outage.
/// </summary>
public sealed partial class RateLimitRedis : IAsyncDisposable
{
    private readonly Task<ConnectionMultiplexer> connecting;
    private readonly ILogger<RateLimitRedis> logger;
    private readonly string keyPrefix;
    private int fallenBack;

    public RateLimitRedis(string connectionString, ILogger<RateLimitRedis> logger)
    {
        this.logger = logger;
        var options = ConfigurationOptions.Parse(connectionString);
        options.Defaults = new LimiterDefaults();
        // Exchanges that share one Redis keep apart by the connection string's channelPrefix: their counts too.
        keyPrefix = $"{(string?)options.ChannelPrefix}exchange:rate-limit:";
        connecting = ConnectionMultiplexer.ConnectAsync(options);
    }

    /// <summary>The Redis key a limit's partition counts under.</summary>
    public string KeyOf(string partition) => keyPrefix + partition;

    /// <summary>The connection while it is up; null while it connects or is down.</summary>
    public IConnectionMultiplexer? Connection =>
        connecting is { IsCompletedSuccessfully: true, Result: { IsConnected: true } connection } ? connection : null;

    /// <summary>Whether the connection has been tried at least once, so that a node starting up does not take "not yet" for an outage.</summary>
    private bool HasTried => connecting.IsCompleted;

    /// <summary>A limit was counted on this node alone; logged the first time after it was last shared.</summary>
    public void FellBack(Exception? failure = null)
    {
        if (!HasTried || Interlocked.Exchange(ref fallenBack, 1) == 1) return;
        LogFellBack(logger, failure);
    }

    /// <summary>A limit was counted in Redis again.</summary>
    public void Shared()
    {
        if (Interlocked.Exchange(ref fallenBack, 0) == 1) LogShared(logger);
    }

    [LoggerMessage(1, LogLevel.Warning, "Redis is unreachable: the sign-in and account-form rate limits count on this node alone until it is back.")]
    private static partial void LogFellBack(ILogger logger, Exception? failure);

    [LoggerMessage(2, LogLevel.Information, "The sign-in and account-form rate limits are shared over Redis again.")]
    private static partial void LogShared(ILogger logger);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await (await connecting).DisposeAsync();
        }
        catch (Exception e) when (e is RedisException or NullReferenceException)
        {
            // Never connected, or the client's close threw from inside itself (StackExchange.Redis issue 2754); the node stops either way.
        }
    }

    // A connection string may still set any of these; a request waits at most a second on Redis (async commands take the sync timeout).
    private sealed class LimiterDefaults : StackExchange.Redis.Configuration.DefaultOptionsProvider
    {
        public override bool AbortOnConnectFail => false;
        public override BacklogPolicy BacklogPolicy => BacklogPolicy.FailFast;
        public override TimeSpan? ConnectTimeout => TimeSpan.FromSeconds(2);
        public override TimeSpan SyncTimeout => TimeSpan.FromSeconds(1);
        public override IReconnectRetryPolicy? ReconnectRetryPolicy => new LinearRetry(1000);
    }
}
