using Exchange.Core.Events;
using Exchange.Web.LiveUpdates;
using Microsoft.AspNetCore.Components;

namespace Exchange.Web.Components.Shared;

/// <summary>
/// A component showing data the jobs change: it listens first and then loads, loads again (on its
/// circuit's thread) after the events it listens to, and stops listening when the circuit disposes
/// it. Loads never overlap: however many events arrive during one, a single load after it covers
/// them all, and an event during the first load is not missed. While other nodes' events cannot
/// reach this node it loads on a timer instead (<see cref="LiveUpdateFallback"/>).
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private IDisposable? subscription;
    private IDisposable? fallback;
    private bool loading;
    private bool stale;
    private bool disposed;

    [Inject] protected IExchangeEvents Events { get; set; } = default!;

    [CascadingParameter] private LiveUpdateFallback? Fallback { get; set; }

    /// <summary>The events that may change what this component shows.</summary>
    protected abstract bool ListensTo(ExchangeEvent exchangeEvent);

    protected abstract Task LoadAsync();

    protected override async Task OnInitializedAsync()
    {
        subscription = Events.Subscribe(ListensTo, _ => InvokeAsync(OnEventAsync));
        if (Fallback is not null && RendererInfo.IsInteractive) fallback = Fallback.Start(() => InvokeAsync(OnEventAsync));
        await LoadUntilCurrentAsync(render: false);
    }

    // Outside the component's lifecycle a failure would only be logged by the event hub; handed to
    // the renderer it reaches the error boundary like any other failure of the page.
    private async Task OnEventAsync()
    {
        if (disposed) return;
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
                stale = false;
                await LoadAsync();
                if (render) StateHasChanged();
            }
            while (stale && !disposed);
        }
        finally
        {
            loading = false;
        }
    }

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

    /// <summary>The user's events that move a balance or write a ledger entry (a new deposit address does neither).</summary>
    protected bool MovesMoney(ExchangeEvent exchangeEvent) =>
        exchangeEvent.UserId == UserId && exchangeEvent is BalanceChanged or DepositsChanged or WithdrawalChanged;
}
