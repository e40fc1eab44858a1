using Exchange.Core.Events;

namespace Exchange.Web.LiveUpdates;

/// <summary>
/// The event hub of one node among several: an event is delivered on this node at once, as in
/// process, and sent over Redis to the others, which deliver it to their own subscribers. Events
/// from other nodes arrive through the same local hub, so subscribers cannot tell the difference.
/// </summary>
public sealed class RedisExchangeEvents : IExchangeEvents
{
    private readonly InProcessExchangeEvents local;
    private readonly RedisBackplane backplane;

    public RedisExchangeEvents(RedisBackplane backplane, ILogger<InProcessExchangeEvents> logger)
    {
        local = new InProcessExchangeEvents(logger);
        this.backplane = backplane;
        backplane.DeliverTo(local.Publish);
    }

    public void Publish(ExchangeEvent exchangeEvent)
    {
        local.Publish(exchangeEvent);
        if (!StaysOnThisNode(exchangeEvent)) backplane.Send(exchangeEvent);
    }

    public IDisposable Subscribe(Func<ExchangeEvent, bool> filter, Func<ExchangeEvent, Task> handler) => local.Subscribe(filter, handler);

    public IDisposable Subscribe(string userId, Func<ExchangeEvent, bool> filter, Func<ExchangeEvent, Task> handler) => local.Subscribe(userId, filter, handler);

    public Task<T> WaitNextAsync<T>(Func<T, bool> predicate, CancellationToken cancellationToken) where T : ExchangeEvent =>
        local.WaitNextAsync(predicate, cancellationToken);

    // Every node computes the operators' overview itself, from the events it hears, and tells its own pages.
    private static bool StaysOnThisNode(ExchangeEvent exchangeEvent) => exchangeEvent is OverviewUpdated;
}
