using Exchange.Core.Events;
using Microsoft.AspNetCore.Components;

namespace Exchange.Web.Components.Shared;

/// <summary>
/// A component showing data the jobs change: it loads once, loads again (on its circuit's thread)
/// after every event it listens to, and stops listening when the circuit disposes it.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private IDisposable? subscription;

    [Inject] protected IExchangeEvents Events { get; set; } = default!;

    /// <summary>The events that may change what this component shows.</summary>
    protected abstract bool ListensTo(ExchangeEvent exchangeEvent);

    protected abstract Task LoadAsync();

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        subscription = Events.Subscribe(ListensTo, _ => InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        }));
    }

    public void Dispose()
    {
        subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A live component about one user: it hears that user's events only.</summary>
public abstract class UserLiveComponent : LiveComponent
{
    [Parameter, EditorRequired] public required string UserId { get; set; }

    protected override bool ListensTo(ExchangeEvent exchangeEvent) => exchangeEvent.UserId == UserId;
}
