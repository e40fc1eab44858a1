using System.Collections.Concurrent;
using Exchange.Core.Events;
using Exchange.Tests.Infrastructure;
using Exchange.Web.LiveUpdates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Exchange.Tests.Web.LiveUpdates;

/// <summary>
/// Two nodes' event hubs over the real redis-server: each hears the other's events, and its own once;
/// with a signing key, nothing that anyone else publishes on the channel.
/// </summary>
[Integration]
public class RedisExchangeEventsTests : IAsyncLifetime
{
    private readonly string redis = RedisServer.SharedConnectionString();
    private readonly List<RedisBackplane> backplanes = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    private const string SigningKey = "the-nodes-shared-events-signing-key";

    private static RedisChannel Channel => RedisChannel.Literal(RedisBackplane.ChannelName);

    private async Task<IExchangeEvents> NodeAsync(string? signingKey = null, ILoggerFactory? loggers = null)
    {
        var backplane = new RedisBackplane(Options.Create(new LiveUpdatesOptions { Redis = redis, SigningKey = signingKey }), loggers ?? NullLoggerFactory.Instance, TimeProvider.System);
        backplanes.Add(backplane);
        var events = new RedisExchangeEvents(backplane, NullLogger<InProcessExchangeEvents>.Instance);
        await backplane.StartAsync(Token);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!backplane.IsLive)
        {
            Assert.True(DateTime.UtcNow < deadline, "the backplane did not go live within 10 s");
            await Task.Delay(50, Token);
        }
        return events;
    }

    private static ConcurrentQueue<ExchangeEvent> Heard(IExchangeEvents events)
    {
        var heard = new ConcurrentQueue<ExchangeEvent>();
        events.Subscribe(_ => true, e =>
        {
            heard.Enqueue(e);
            return Task.CompletedTask;
        });
        return heard;
    }

    [Fact]
    public async Task Each_node_hears_the_other_nodes_events_and_its_own_exactly_once()
    {
        var a = await NodeAsync();
        var b = await NodeAsync();
        var onA = Heard(a);
        var onB = Heard(b);

        a.Publish(new DepositsChanged("alice", [7, 8]));
        var atB = await WaitForAsync(onB, 1);
        // B's answer travels the same channel after A's event: once A hears it, an echo of A's own would have come first.
        b.Publish(new JobRan("balance-check", true, "1 credited"));
        await WaitForAsync(onA, 2);

        var received = Assert.IsType<DepositsChanged>(Assert.Single(atB));
        Assert.Equal("alice", received.User);
        Assert.Equal([7L, 8L], received.DepositIds);
        Assert.Equal([typeof(DepositsChanged), typeof(JobRan)], onA.Select(e => e.GetType()));
    }

    [Fact]
    public async Task A_message_of_an_unknown_type_is_ignored_and_the_events_after_it_arrive()
    {
        var b = await NodeAsync();
        var onB = Heard(b);
        await using var other = await ConnectionMultiplexer.ConnectAsync(redis);

        await other.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisBackplane.ChannelName),
            """{"Node":"older-node","Type":"FundsTeleported","Event":{"User":"alice"}}""");
        await other.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisBackplane.ChannelName), "not json");
        await other.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisBackplane.ChannelName),
            EventMessages.Write("older-node", new SweepChanged("BUNDLE")));

        var heard = await WaitForAsync(onB, 1);
        Assert.Equal(new SweepChanged("BUNDLE"), Assert.Single(heard));
    }

    [Fact]
    public async Task With_a_signing_key_forged_and_wrongly_signed_messages_are_dropped_and_logged_once_and_another_nodes_events_are_acted_on()
    {
        var logs = new WarningLines();
        using var loggers = LoggerFactory.Create(l => l.AddProvider(logs));
        var a = await NodeAsync(SigningKey);
        var b = await NodeAsync(SigningKey, loggers);
        var onB = Heard(b);
        await using var intruder = await ConnectionMultiplexer.ConnectAsync(redis);
        var wrongKey = new EventSeal("a-key-that-is-not-the-nodes-own-key", TimeProvider.System);

        await intruder.GetSubscriber().PublishAsync(Channel, EventMessages.Write("intruder", new SweepChanged("FORGED")));
        await intruder.GetSubscriber().PublishAsync(Channel, wrongKey.Seal(EventMessages.Write("intruder", new SweepChanged("WRONG-KEY"))));
        a.Publish(new SweepChanged("BUNDLE"));
        await WaitForAsync(onB, 1);
        await WaitForAsync(logs.Lines, 1);
        a.Publish(new SweepChanged("AFTER"));

        // Messages are handled concurrently: the second event is the mark that the forged ones were handled too.
        var heard = await WaitForAsync(onB, 2);
        Assert.Equal(["AFTER", "BUNDLE"], heard.Cast<SweepChanged>().Select(e => e.BundleHash).Order());
        Assert.Equal(["Dropped 1"], logs.Lines.Select(l => l[..9]));
    }

    [Fact]
    public async Task A_sealed_event_copied_off_the_channel_and_published_again_is_dropped()
    {
        var logs = new WarningLines();
        using var loggers = LoggerFactory.Create(l => l.AddProvider(logs));
        var a = await NodeAsync(SigningKey);
        var b = await NodeAsync(SigningKey, loggers);
        var onB = Heard(b);
        await using var intruder = await ConnectionMultiplexer.ConnectAsync(redis);
        var copied = new ConcurrentQueue<string>();
        await intruder.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
        {
            if (message.ToString().Contains("SweepChanged", StringComparison.Ordinal)) copied.Enqueue(message.ToString());
        });

        a.Publish(new SweepChanged("ONCE"));
        await WaitForAsync(onB, 1);
        await WaitForAsync(copied, 1);
        await intruder.GetSubscriber().PublishAsync(Channel, Assert.Single(copied));

        Assert.EndsWith("(the last: a replay): something other than the nodes publishes on Redis.", Assert.Single(await WaitForAsync(logs.Lines, 1)));
        Assert.Equal(new SweepChanged("ONCE"), Assert.Single(onB));
    }

    private static async Task<T[]> WaitForAsync<T>(ConcurrentQueue<T> heard, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (heard.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{heard.Count} of {count} arrived within 10 s");
            await Task.Delay(20, Token);
        }
        return heard.ToArray();
    }

    /// <summary>The warnings logged, as their text.</summary>
    private sealed class WarningLines : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) lines.Enqueue(formatter(state, exception));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backplane in backplanes)
        {
            await backplane.StopAsync(CancellationToken.None);
            backplane.Dispose();
        }
    }
}
