using Microsoft.AspNetCore.Components;

namespace Exchange.Web.Components.Shared;

/// <summary>
/// A <see cref="LiveComponent"/> whose reads are dearer than its events are frequent (a chart over
/// hours of data): it loads at most once per <see cref="Interval"/>. An event within the interval
/// of the last load is not dropped but answered by one load when the interval ends.
/// </summary>
public abstract class ThrottledLiveComponent : LiveComponent, IDisposable
{
    private long? lastLoad;
    private ITimer? pending;
    private bool disposed;

    [Inject] protected TimeProvider Time { get; set; } = default!;

    protected virtual TimeSpan Interval => TimeSpan.FromSeconds(30);

    /// <summary>The read itself.</summary>
    protected abstract Task ReadAsync();

    protected sealed override async Task LoadAsync()
    {
        if (lastLoad is { } last && Time.GetElapsedTime(last) < Interval)
        {
            pending ??= Time.CreateTimer(_ => InvokeAsync(LoadLateAsync), null, Interval - Time.GetElapsedTime(last), Timeout.InfiniteTimeSpan);
            return;
        }
        lastLoad = Time.GetTimestamp();
        await ReadAsync();
    }

    private async Task LoadLateAsync()
    {
        pending?.Dispose();
        pending = null;
        if (disposed) return;
        lastLoad = Time.GetTimestamp();
        try
        {
            await ReadAsync();
            StateHasChanged();
        }
        catch (Exception exception)
        {
            await DispatchExceptionAsync(exception);
        }
    }

    void IDisposable.Dispose()
    {
        disposed = true;
        pending?.Dispose();
        Dispose();
    }
}
