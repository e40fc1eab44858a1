using System.Data.Common;
using Exchange.Core.Jobs;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Jobs;

/// <summary>
/// SQLite has no cluster scheduler, so one process runs the jobs: the one holding the lease row.
/// This takes it at start and renews it; a second process on the same file finds it held, runs
/// no jobs, says so, and takes over once the holder stops renewing.
/// </summary>
internal sealed class SqliteJobsLease(JobLeases leases, IOptions<JobsOptions> options, TimeProvider time, ILogger<SqliteJobsLease> logger)
    : BackgroundService, IJobsNode
{
    private readonly string holder = $"{Environment.MachineName} process {Environment.ProcessId} ({Guid.NewGuid().ToString("N")[..8]})";
    private volatile JobsNodeStatus status = new(false, "This process has not yet taken the jobs lease.");
    private DateTime heldUntil;
    private string? lastHolder;

    public JobsNodeStatus Status => status.RunsJobs && Now >= heldUntil ? Lapsed() : status;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RenewAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SqliteLeaseDuration / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await RenewAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!status.RunsJobs) return;
        status = new(false, "This process is stopping.");
        try
        {
            await leases.ReleaseAsync(holder, cancellationToken);
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
        {
            // Best effort: a host torn down under it (its logger included) gives nothing back, and
            // a lease not given back lapses after Jobs:SqliteLeaseDuration.
            return;
        }
        catch (DbException e)
        {
            logger.LogWarning(e, "Could not give back the jobs lease (the database did not answer): another process takes over when it lapses");
            return;
        }
        logger.LogInformation("Gave back the jobs lease: another process on this SQLite database may run the jobs now");
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        JobLease lease;
        try
        {
            lease = await leases.TakeAsync(holder, options.Value.SqliteLeaseDuration, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not renew the jobs lease; jobs stop here when it lapses");
            return;
        }
        var held = lease.Holder == holder;
        if (held) heldUntil = lease.ExpiresAt;
        var next = held
            ? new JobsNodeStatus(true, "This process holds the jobs lease (SQLite runs jobs in one process only).")
            : new JobsNodeStatus(false,
                $"Another process ({lease.Holder}) runs the jobs on this SQLite database, and holds the lease until {lease.ExpiresAt:HH:mm:ss} UTC. " +
                "SQLite is for one node: this process runs no jobs, and takes over if that process stops.");
        if (held && !status.RunsJobs) logger.LogInformation("Took the jobs lease as {Holder}: this process runs the jobs", holder);
        if (!held && lease.Holder != lastHolder) logger.LogWarning("Jobs do not run in this process: {Reason}", next.Description);
        (status, lastHolder) = (next, lease.Holder);
    }

    private JobsNodeStatus Lapsed() => new(false, $"This process's jobs lease lapsed at {heldUntil:HH:mm:ss} UTC and could not be renewed.");

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
