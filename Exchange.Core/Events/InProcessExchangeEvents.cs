using Microsoft.Extensions.Logging;

namespace Exchange.Core.Events;

/// <summary>
/// Subscriptions about one user are kept under that user's id, so an event about a user is tested
/// against that user's few subscriptions only, however many dashboards of other users are open.
/// </summary>
public sealed class InProcessExchangeEvents(ILogger<InProcessExchangeEvents> logger) : IExchangeEvents
{
    private readonly Lock gate = new();
    private readonly List<Subscription> everyone = [];
    private readonly Dictionary<string, List<Subscription>> byUser = new(StringComparer.Ordinal);

    public void Publish(ExchangeEvent exchangeEvent)
    {
        Subscription[] current;
        lock (gate)
            current = exchangeEvent.UserId is { } user && byUser.TryGetValue(user, out var theirs) ? [.. everyone, .. theirs] : [.. everyone];
        foreach (var subscription in current)
            if (subscription.Filter(exchangeEvent)) _ = DeliverAsync(subscription, exchangeEvent);
    }

    public IDisposable Subscribe(Func<ExchangeEvent, bool> filter, Func<ExchangeEvent, Task> handler) => Add(null, filter, handler);

    public IDisposable Subscribe(string userId, Func<ExchangeEvent, bool> filter, Func<ExchangeEvent, Task> handler) =>
        Add(userId, e => e.UserId == userId && filter(e), handler);

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

    private Subscription Add(string? userId, Func<ExchangeEvent, bool> filter, Func<ExchangeEvent, Task> handler)
    {
        var subscription = new Subscription(userId, filter, handler, this);
        lock (gate)
        {
            if (userId is null) everyone.Add(subscription);
            else if (byUser.TryGetValue(userId, out var theirs)) theirs.Add(subscription);
            else byUser[userId] = [subscription];
        }
        return subscription;
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
        lock (gate)
        {
            if (subscription.UserId is not { } user) everyone.Remove(subscription);
            else if (byUser.TryGetValue(user, out var theirs) && theirs.Remove(subscription) && theirs.Count == 0) byUser.Remove(user);
        }
    }

    // A class, not a record: two subscriptions with the same delegates are still two subscriptions.
    private sealed class Subscription(string? userId, Func<ExchangeEvent, bool> filter, Func<ExchangeEvent, Task> handler, InProcessExchangeEvents owner) : IDisposable
    {
        public string? UserId => userId;
        public Func<ExchangeEvent, bool> Filter => filter;
        public Func<ExchangeEvent, Task> Handler => handler;
        private InProcessExchangeEvents Owner => owner;

        public void Dispose() => Owner.Remove(this);
    }
}
