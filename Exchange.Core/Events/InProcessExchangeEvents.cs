using Microsoft.Extensions.Logging;

namespace Exchange.Core.Events;

public sealed class InProcessExchangeEvents(ILogger<InProcessExchangeEvents> logger) : IExchangeEvents
{
    private readonly Lock gate = new();
    private readonly List<Subscription> subscriptions = [];

    public void Publish(ExchangeEvent exchangeEvent)
    {
        Subscription[] current;
        lock (gate) current = subscriptions.ToArray();
        foreach (var subscription in current.Where(s => s.Filter(exchangeEvent)))
            _ = DeliverAsync(subscription, exchangeEvent);
    }

    public IDisposable Subscribe(Func<ExchangeEvent, bool> filter, Func<ExchangeEvent, Task> handler)
    {
        var subscription = new Subscription(filter, handler, this);
        lock (gate) subscriptions.Add(subscription);
        return subscription;
    }

    public async Task<T> WaitNextAsync<T>(Func<T, bool> predicate, CancellationToken cancellationToken) where T : ExchangeEvent
    {
        var next = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Subscribe(e => e is T t && predicate(t), e =>
        {
            next.TrySetResult((T)e);
            return Task.CompletedTask;
        });
        await using var cancel = cancellationToken.Register(() => next.TrySetCanceled(cancellationToken));
        return await next.Task;
    }

    private async Task DeliverAsync(Subscription subscription, ExchangeEvent exchangeEvent)
    {
        try
        {
            await subscription.Handler(exchangeEvent);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "A subscriber failed to handle {Event}", exchangeEvent);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (gate) subscriptions.Remove(subscription);
    }

    // A class, not a record: two subscriptions with the same delegates are still two subscriptions.
    private sealed class Subscription(Func<ExchangeEvent, bool> filter, Func<ExchangeEvent, Task> handler, InProcessExchangeEvents owner) : IDisposable
    {
        public Func<ExchangeEvent, bool> Filter => filter;
        public Func<ExchangeEvent, Task> Handler => handler;
        private InProcessExchangeEvents Owner => owner;

        public void Dispose() => Owner.Remove(this);
    }
}
