using System.Collections.Concurrent;
using Exchange.Core.Events;
using Exchange.Tests.Infrastructure;
using Exchange.Web.LiveUpdates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Exchange.Tests.Web.LiveUpdates;

/// <summary>Two nodes' event hubs over the real redis-server: each hears the other's events, and its own once.</summary>
[Integration]
public class RedisExchangeEventsTests : IAsyncLifetime
{
    private readonly string redis = RedisServer.SharedConnectionString();
    private readonly List<RedisBackplane> backplanes = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    private async Task<IExchangeEvents> NodeAsync()
    {
        var backplane = new RedisBackplane(Options.Create(new LiveUpdatesOptions { Redis = redis }), NullLoggerFactory.Instance, TimeProvider.System);
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

    private static async Task<ExchangeEvent[]> WaitForAsync(ConcurrentQueue<ExchangeEvent> heard, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (heard.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{count} events did not arrive within 10 s");
            await Task.Delay(20, Token);
        }
        return heard.ToArray();
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
