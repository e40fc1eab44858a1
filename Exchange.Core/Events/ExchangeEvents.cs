namespace Exchange.Core.Events;

/// <summary>
/// The in-process event hub: jobs and services publish, Blazor components subscribe. A subscriber
/// that throws does not stop the others. Small on purpose, so that a multi-node backplane can
/// implement the same three members.
/// </summary>
public interface IExchangeEvents
{
    void Publish(ExchangeEvent exchangeEvent);

    /// <summary>Calls <paramref name="handler"/> for every event <paramref name="filter"/> accepts, until disposed.</summary>
    IDisposable Subscribe(Func<ExchangeEvent, bool> filter, Func<ExchangeEvent, Task> handler);

    /// <summary>As <see cref="Subscribe(Func{ExchangeEvent, bool}, Func{ExchangeEvent, Task})"/>, for events about <paramref name="userId"/> only: a hub may then find them without asking every subscriber.</summary>
    IDisposable Subscribe(string userId, Func<ExchangeEvent, bool> filter, Func<ExchangeEvent, Task> handler) =>
        Subscribe(e => e.UserId == userId && filter(e), handler);

    /// <summary>Completes with the next event that matches (for tests and for code that waits on a job).</summary>
    Task<T> WaitNextAsync<T>(Func<T, bool> predicate, CancellationToken cancellationToken) where T : ExchangeEvent;
}

public static class ExchangeEventsExtensions
{
    /// <summary>Events about one user only: balances, deposits and withdrawals of that user.</summary>
    public static IDisposable SubscribeForUser(this IExchangeEvents events, string userId, Func<ExchangeEvent, Task> handler) =>
        events.Subscribe(userId, _ => true, handler);
}
