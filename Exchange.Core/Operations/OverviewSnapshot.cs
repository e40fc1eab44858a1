using Exchange.Core.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Operations;

/// <summary>
/// The overview every open operator page shows, computed once for all of them: computing it
/// reconciles the whole ledger and calls Hub twice, too much to repeat per page and per job run.
/// After something it reports changes it is computed again, but no sooner than
/// <see cref="OperatorOptions.OverviewRefresh"/> after the last computation began, and announced
/// with <see cref="OverviewUpdated"/>. A reader finding it older than that waits for a fresh one;
/// concurrent readers share one computation.
/// </summary>
public sealed class OverviewSnapshot : IDisposable
{
    private readonly OperatorOverview overview;
    private readonly IExchangeEvents events;
    private readonly TimeProvider time;
    private readonly ILogger<OverviewSnapshot> logger;
    private readonly TimeSpan interval;
    private readonly ITimer due;
    private readonly IDisposable subscription;
    private readonly Lock gate = new();
    private OverviewReport? report;
    private DateTimeOffset startedAt;
    private Task<OverviewReport>? computing;
    private bool stale;
    private bool scheduled;
    private bool disposed;

    public OverviewSnapshot(OperatorOverview overview, IExchangeEvents events, IOptions<OperatorOptions> options, TimeProvider time, ILogger<OverviewSnapshot> logger)
    {
        this.overview = overview;
        this.events = events;
        this.time = time;
        this.logger = logger;
        interval = options.Value.OverviewRefresh;
        due = time.CreateTimer(_ => OnDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        subscription = events.Subscribe(MayChangeTheOverview, _ =>
        {
            OnChange();
            return Task.CompletedTask;
        });
    }

    /// <summary>The current overview: the one held, unless there is none yet or it is older than the refresh interval.</summary>
    public Task<OverviewReport> ReadAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (report is not null && time.GetUtcNow() - startedAt < interval) return Task.FromResult(report);
            return (computing ??= Start()).WaitAsync(cancellationToken);
        }
    }

    // Any movement of money, operator action or job run may change a figure or an alert; a new
    // deposit address cannot, and the snapshot's own announcement must not start it again.
    private static bool MayChangeTheOverview(ExchangeEvent e) => e is not (OverviewUpdated or DepositAddressIssued);

    private void OnChange()
    {
        lock (gate)
        {
            stale = true;
            if (report is not null) ScheduleIfStale();
        }
    }

    // Under the gate. While a computation runs, it schedules the next one when it ends.
    private void ScheduleIfStale()
    {
        if (!stale || scheduled || computing is not null || disposed) return;
        scheduled = true;
        var wait = startedAt + interval - time.GetUtcNow();
        due.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void OnDue()
    {
        lock (gate)
        {
            scheduled = false;
            computing ??= Start();
        }
    }

    // Under the gate. The computation runs on the thread pool, in no reader's context: readers of
    // several circuits share it.
    private Task<OverviewReport> Start()
    {
        stale = false;
        startedAt = time.GetUtcNow();
        return Task.Run(ComputeAsync);
    }

    private async Task<OverviewReport> ComputeAsync()
    {
        try
        {
            var fresh = await overview.LoadAsync();
            lock (gate) report = fresh;
            events.Publish(new OverviewUpdated());
            return fresh;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "The operators' overview could not be computed");
            throw;
        }
        finally
        {
            lock (gate)
            {
                computing = null;
                ScheduleIfStale();
            }
        }
    }

    public void Dispose()
    {
        lock (gate) disposed = true;
        subscription.Dispose();
        due.Dispose();
    }
}
