using System.Collections.Concurrent;
using Exchange.Core.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Core.Events;

[Fast]
public class InProcessExchangeEventsTests
{
    private readonly InProcessExchangeEvents events = new(NullLogger<InProcessExchangeEvents>.Instance);
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_subscription_receives_only_that_users_events()
    {
        var received = new ConcurrentQueue<ExchangeEvent>();
        using var _ = events.SubscribeForUser("alice", e => { received.Enqueue(e); return Task.CompletedTask; });

        events.Publish(new BalanceChanged("bob", "MIOTA"));
        events.Publish(new SweepChanged("BUNDLE"));
        events.Publish(new BalanceChanged("alice", "MIOTA"));
        await Task.Delay(50, Token);

        Assert.Equal([new BalanceChanged("alice", "MIOTA")], received.ToArray());
    }

    [Fact]
    public async Task Of_two_pages_of_one_user_the_one_still_open_hears_the_users_events_and_filters_them()
    {
        var heard = new ConcurrentQueue<string>();
        var closed = events.Subscribe("alice", _ => true, _ => { heard.Enqueue("closed page"); return Task.CompletedTask; });
        using var open = events.Subscribe("alice", e => e is BalanceChanged, e => { heard.Enqueue($"open page: {e.GetType().Name}"); return Task.CompletedTask; });
        using var everything = events.Subscribe(_ => true, e => { heard.Enqueue($"operator: {e.GetType().Name}"); return Task.CompletedTask; });
        closed.Dispose();

        events.Publish(new DepositAddressIssued("alice", 7));
        events.Publish(new BalanceChanged("alice", "MIOTA"));
        await Task.Delay(50, Token);

        Assert.Equal(["operator: DepositAddressIssued", "operator: BalanceChanged", "open page: BalanceChanged"], heard.ToArray());
    }

    [Fact]
    public async Task A_disposed_subscription_hears_nothing_more()
    {
        var count = 0;
        var subscription = events.Subscribe(_ => true, _ => { Interlocked.Increment(ref count); return Task.CompletedTask; });
        events.Publish(new SweepChanged("A"));
        subscription.Dispose();
        events.Publish(new SweepChanged("B"));

        await Task.Delay(50, Token);
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_keep_the_event_from_the_others()
    {
        using var failing = events.Subscribe(_ => true, _ => throw new InvalidOperationException("broken page"));
        var next = events.WaitNextAsync<JobRan>(j => j.Job == "balance-check", Token);

        events.Publish(new JobRan("balance-check", true, "3 credited"));

        Assert.Equal("3 credited", (await next.WaitAsync(TimeSpan.FromSeconds(5), Token)).Summary);
    }
}
