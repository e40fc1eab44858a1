using Exchange.Core.Events;
using Exchange.Web.LiveUpdates;
using Microsoft.AspNetCore.Components;

namespace Exchange.Web.Components.Shared;

/// <summary>
/// A component showing data the jobs change: it listens first and then loads, loads again (on its
/// circuit's thread) after the events it listens to, and stops listening when the circuit disposes
/// it. Loads never overlap: however many events arrive during one (or while a reload waits its turn
/// among the node's others), a single load after it covers them all, and an event during the first
/// load is not missed. While other nodes' events cannot
/// reach this node it loads on a timer instead (<see cref="LiveUpdateFallback"/>).
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private IDisposable? subscription;
    private Func<ExchangeEvent, Task>? onEvent;
    private IDisposable? fallback;
    private bool loading;
    private bool stale;
    private bool disposed;

    [Inject] protected IExchangeEvents Events { get; set; } = default!;

    [CascadingParameter] private LiveUpdateFallback? Fallback { get; set; }

    /// <summary>The events that may change what this component shows.</summary>
    protected abstract bool ListensTo(ExchangeEvent exchangeEvent);

    protected abstract Task LoadAsync();

    /// <summary>
    /// Called on the circuit's thread for each event before the load that covers it, so a load may
    /// skip what the events since the last one cannot have changed; null for a refresh on the timer,
    /// after which anything may have changed.
    /// </summary>
    protected virtual void Heard(ExchangeEvent? exchangeEvent)
    {
    }

    /// <summary>Subscribes <paramref name="handler"/> to the events <see cref="ListensTo"/> accepts.</summary>
    protected virtual IDisposable Listen(Func<ExchangeEvent, Task> handler) => Events.Subscribe(ListensTo, handler);

    /// <summary>Subscribes again, for a component whose <see cref="Listen"/> depends on a parameter that changed.</summary>
    protected void ListenAgain()
    {
        if (onEvent is null || disposed) return;
        subscription?.Dispose();
        subscription = Listen(onEvent);
    }

    protected override async Task OnInitializedAsync()
    {
        onEvent = e => InvokeAsync(() => OnEventAsync(e));
        subscription = Listen(onEvent);
        if (Fallback is not null && RendererInfo.IsInteractive) fallback = Fallback.Start(() => InvokeAsync(() => OnEventAsync(null)));
        await LoadUntilCurrentAsync(render: false);
    }

    // Outside the component's lifecycle a failure would only be logged by the event hub; handed to
    // the renderer it reaches the error boundary like any other failure of the page.
    private async Task OnEventAsync(ExchangeEvent? exchangeEvent)
    {
        if (disposed) return;
        Heard(exchangeEvent);
        try
        {
            await LoadUntilCurrentAsync(render: true);
        }
        catch (Exception exception)
        {
            await DispatchExceptionAsync(exception);
        }
    }

    private async Task LoadUntilCurrentAsync(bool render)
    {
        if (loading)
        {
            stale = true;
            return;
        }
        loading = true;
        try
        {
            do
            {
                await LoadOnceAsync(inTurn: render);
                if (render && !disposed) StateHasChanged();
            }
            while (stale && !disposed);
        }
        finally
        {
            loading = false;
        }
    }

    private async Task LoadOnceAsync(bool inTurn)
    {
        if (inTurn) await Reloads.WaitAsync();
        try
        {
            // Cleared only once the read may start: what arrived while it waited is covered by it.
            stale = false;
            if (!disposed) await LoadAsync();
        }
        finally
        {
            if (inTurn) Reloads.Release();
        }
    }

    // One balance check or burst of postings makes every affected circuit reload at once. On SQLite
    // each read holds a thread-pool thread until it is done, and hundreds at once fight over the
    // connection pool and hold up the circuits' own traffic (render batches, their acknowledgements).
    // A reload waits its turn here instead, first come first served, so every circuit still updates.
    private static readonly SemaphoreSlim Reloads = new(Environment.ProcessorCount * 2);

    public void Dispose()
    {
        disposed = true;
        subscription?.Dispose();
        fallback?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A live component about one user: it hears that user's events only.</summary>
public abstract class UserLiveComponent : LiveComponent
{
    [Parameter, EditorRequired] public required string UserId { get; set; }

    protected override bool ListensTo(ExchangeEvent exchangeEvent) => exchangeEvent.UserId == UserId;

    private string? heardUser;

    // Filed under the user's id: an event about another user never reaches this component's filter.
    protected override IDisposable Listen(Func<ExchangeEvent, Task> handler)
    {
        heardUser = UserId;
        return Events.Subscribe(UserId, ListensTo, handler);
    }

    // A component kept while its user changes (an operator going to the next user's page) hears the new user.
    protected override void OnParametersSet()
    {
        if (heardUser is not null && heardUser != UserId) ListenAgain();
    }

    /// <summary>The user's events that move a balance or write a ledger entry (a new deposit address does neither).</summary>
    protected bool MovesMoney(ExchangeEvent exchangeEvent) =>
        exchangeEvent.UserId == UserId && exchangeEvent is BalanceChanged or DepositsChanged or WithdrawalChanged;
}
