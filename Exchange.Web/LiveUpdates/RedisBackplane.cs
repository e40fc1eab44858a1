using Exchange.Core.Events;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Exchange.Web.LiveUpdates;

/// <summary>
/// The Redis pub/sub channel that carries events between nodes. It never fails or holds up a
/// publisher: while Redis is unreachable, messages are dropped (each node still delivers its own
/// events to its own pages, which refresh on a timer meanwhile). The node counts as live only once
/// a probe it sent has come back over the channel, so a reconnected but not yet resubscribed
/// connection is not taken for a working one. Every message is sealed (<see cref="EventSeal"/>); one
/// that does not open is dropped, and logged at most once every <see cref="DropLogInterval"/>.
/// </summary>
public sealed class RedisBackplane(IOptions<LiveUpdatesOptions> options, ILoggerFactory loggers, TimeProvider time) : BackgroundService, ILiveUpdateStatus
{
    /// <summary>The channel's name (after the connection string's <c>channelPrefix</c>, if any).</summary>
    public const string ChannelName = "exchange:events";

    private static readonly RedisChannel Channel = RedisChannel.Literal(ChannelName);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    /// <summary>A flood of forged messages writes one log line per this interval, with their count.</summary>
    public static readonly TimeSpan DropLogInterval = TimeSpan.FromMinutes(1);

    private readonly string node = Guid.NewGuid().ToString("N");
    private readonly ILogger logger = loggers.CreateLogger<RedisBackplane>();
    private readonly Lock gate = new();
    private readonly EventSeal seal = new(options.Value.SigningKey, time);
    private int droppedSinceLogged;
    private DateTimeOffset nextDropLog = DateTimeOffset.MinValue;
    private ConnectionMultiplexer? redis;
    private Action<ExchangeEvent>? deliver;
    private bool live;
    private bool subscribed;
    private bool outageLogged;
    private Action<RedisChannel, RedisValue>? onMessage;

    // One delegate for every try, so that a failed subscription's handler can be taken off again.
    private Action<RedisChannel, RedisValue> OnMessage => onMessage ??= (_, message) => Receive(message);

    public bool IsLive
    {
        get
        {
            lock (gate) return live;
        }
    }

    public event Action? Changed;

    /// <summary>Where events from other nodes go (this node's own event hub).</summary>
    public void DeliverTo(Action<ExchangeEvent> handler) => deliver = handler;

    public void Send(ExchangeEvent exchangeEvent) => Send(EventMessages.Write(node, exchangeEvent));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            redis = await ConnectionMultiplexer.ConnectAsync(options.Value.Redis!, Configure);
            redis.ConnectionFailed += (_, failure) => OnUnreachable($"{failure.FailureType} on {failure.EndPoint}");
            if (!redis.IsConnected) OnUnreachable("no connection at start");
            using var timer = new PeriodicTimer(ProbeInterval, time);
            do await ProbeUnlessLiveAsync();
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
        catch (Exception exception)
        {
            // Thrown out of a background service it would stop the node; the node serves on without it.
            logger.LogError(exception, "The Redis backplane stopped: events reach only this node's pages until it restarts.");
        }
    }

    private void Configure(ConfigurationOptions configuration)
    {
        configuration.Defaults = new BackplaneDefaults();
        configuration.AbortOnConnectFail = false;
    }

    private async Task ProbeUnlessLiveAsync()
    {
        if (IsLive || redis is not { IsConnected: true } connection) return;
        if (!subscribed) subscribed = await TrySubscribeAsync(connection.GetSubscriber());
        if (subscribed) Send(EventMessages.WriteProbe(node));
    }

    private async Task<bool> TrySubscribeAsync(ISubscriber subscriber)
    {
        try
        {
            // Once subscribed, the client subscribes again by itself after every reconnect.
            await subscriber.SubscribeAsync(Channel, OnMessage);
            return true;
        }
        catch (RedisException exception)
        {
            logger.LogDebug(exception, "Redis did not take the backplane's subscription yet.");
            // A failed subscription keeps its handler: without this the next try would add a second one.
            try
            {
                await subscriber.UnsubscribeAsync(Channel, onMessage);
            }
            catch (RedisException)
            {
                // Removed here all the same; only the server did not hear of it.
            }
            return false;
        }
    }

    private void Send(string message)
    {
        if (redis is not { IsConnected: true } connection) return;
        try
        {
            connection.GetSubscriber().Publish(Channel, seal.Seal(message), CommandFlags.FireAndForget);
        }
        catch (Exception exception) when (exception is RedisException or ObjectDisposedException)
        {
            logger.LogDebug(exception, "An event was not sent to the other nodes.");
        }
    }

    private void Receive(RedisValue value)
    {
        if (seal.Open(value.ToString(), out var refused) is not { } text)
        {
            Dropped(refused);
            return;
        }
        var message = EventMessages.Read(text);
        if (message is null)
        {
            logger.LogWarning("A backplane message that is not an event was ignored.");
            return;
        }
        if (message.Type == EventMessages.Probe)
        {
            if (message.Node == node) SetLive(true);
            return;
        }
        if (message.Node == node) return; // delivered here when it was published
        if (EventMessages.EventOf(message) is { } exchangeEvent)
            deliver?.Invoke(exchangeEvent);
        else
            logger.LogWarning("An event of unknown type {Type} from node {Node} was ignored.", message.Type, message.Node);
    }

    private void Dropped(string why)
    {
        int count;
        lock (gate)
        {
            droppedSinceLogged++;
            var now = time.GetUtcNow();
            if (now < nextDropLog) return;
            nextDropLog = now + DropLogInterval;
            count = droppedSinceLogged;
            droppedSinceLogged = 0;
        }
        logger.LogWarning("Dropped {Count} backplane message(s) not sealed with this node's Events:SigningKey, replayed or stale (the last: {Why}): something other than the nodes publishes on Redis.",
            count, why);
    }

    // Logged once per outage: the client retries every second, and says nothing itself.
    private void OnUnreachable(string why)
    {
        bool first;
        lock (gate)
        {
            first = !outageLogged;
            outageLogged = true;
        }
        if (first)
            logger.LogWarning("Redis is unreachable ({Why}): other nodes' events do not reach this one, and live pages refresh every {Interval} until it is back.",
                why, options.Value.FallbackRefresh);
        SetLive(false);
    }

    private void SetLive(bool value)
    {
        lock (gate)
        {
            if (value) outageLogged = false;
            if (live == value) return;
            live = value;
        }
        if (value) logger.LogInformation("Events reach the other nodes over Redis.");
        Changed?.Invoke();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (redis is null) return;
        try
        {
            await redis.DisposeAsync();
        }
        catch (NullReferenceException e)
        {
            // The client's close sometimes throws from inside itself (StackExchange.Redis issue 2754);
            // the node is stopping either way, and its other services must still stop.
            logger.LogWarning(e, "Closing the Redis connection failed inside the client; the node stops anyway.");
        }
    }

    // A connection string may still set any of these; the node must start and serve with Redis down.
    private sealed class BackplaneDefaults : StackExchange.Redis.Configuration.DefaultOptionsProvider
    {
        public override bool AbortOnConnectFail => false;
        public override BacklogPolicy BacklogPolicy => BacklogPolicy.FailFast;
        public override TimeSpan? ConnectTimeout => TimeSpan.FromSeconds(2);
        public override TimeSpan SyncTimeout => TimeSpan.FromSeconds(2);
        public override IReconnectRetryPolicy? ReconnectRetryPolicy => new LinearRetry(1000);
    }
}
