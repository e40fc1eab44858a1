using Microsoft.Extensions.Options;

namespace Exchange.Web.LiveUpdates;

/// <summary>
/// While other nodes' events cannot reach this one, a live page would go stale without knowing:
/// instead it reads again every <see cref="LiveUpdatesOptions.FallbackRefresh"/>, and once more
/// when events flow again, for whatever it missed in between. Cascaded to every live component.
/// </summary>
public sealed class LiveUpdateFallback(ILiveUpdateStatus status, IOptions<LiveUpdatesOptions> options, TimeProvider time)
{
    public bool IsLive => status.IsLive;

    public TimeSpan Interval => options.Value.FallbackRefresh;

    /// <summary>Calls <paramref name="refresh"/> as described above until disposed.</summary>
    public IDisposable Start(Func<Task> refresh) => new Refresher(status, Interval, time, refresh);

    private sealed class Refresher : IDisposable
    {
        private readonly ILiveUpdateStatus status;
        private readonly TimeSpan interval;
        private readonly Func<Task> refresh;
        private readonly ITimer timer;
        private readonly Lock gate = new();
        private bool wasLive;

        public Refresher(ILiveUpdateStatus status, TimeSpan interval, TimeProvider time, Func<Task> refresh)
        {
            this.status = status;
            this.interval = interval;
            this.refresh = refresh;
            timer = time.CreateTimer(_ => _ = refresh(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            wasLive = true;
            status.Changed += OnChanged;
            OnChanged();
        }

        private void OnChanged()
        {
            lock (gate)
            {
                var live = status.IsLive;
                if (live == wasLive) return;
                wasLive = live;
                var period = live ? Timeout.InfiniteTimeSpan : interval;
                timer.Change(period, period);
                if (live) _ = refresh();
            }
        }

        public void Dispose()
        {
            status.Changed -= OnChanged;
            timer.Dispose();
        }
    }
}
