using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Jobs;

/// <summary>Reads and changes the jobs' shared state (<see cref="JobState"/>); a job without a row is running and not backing off.</summary>
public sealed class JobStates(IDbContextFactory<ExchangeDbContext> contexts)
{
    public async Task<JobState> GetAsync(string job, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.JobStates.AsNoTracking().SingleOrDefaultAsync(s => s.Job == job, cancellationToken) ?? new JobState { Job = job };
    }

    public Task SetPausedAsync(string job, bool paused, CancellationToken cancellationToken = default) =>
        ChangeAsync(job, s => s.Paused = paused, cancellationToken);

    public async Task ChangeAsync(string job, Action<JobState> change, CancellationToken cancellationToken = default)
    {
        try
        {
            await ChangeOnceAsync(job, change, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two nodes adding a job's first row at once: one insert wins, the other changes that row.
            await ChangeOnceAsync(job, change, cancellationToken);
        }
    }

    private async Task ChangeOnceAsync(string job, Action<JobState> change, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var state = await db.JobStates.SingleOrDefaultAsync(s => s.Job == job, cancellationToken);
        if (state is null) db.JobStates.Add(state = new JobState { Job = job });
        change(state);
        await db.SaveChangesAsync(cancellationToken);
    }
}
