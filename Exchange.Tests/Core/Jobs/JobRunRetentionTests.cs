using Exchange.Core.Jobs;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Core.Jobs;

/// <summary>Job runs are kept a week: each node drops older ones at most once an hour, as runs are recorded.</summary>
[Integration]
public class JobRunRetentionTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private CoreDatabase database = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => database = await CoreDatabase.CreateAsync(engine: Engine);

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private sealed record Idle : IJobResult
    {
        public string Summary => "nothing to do";
        public bool DidWork => false;
    }

    [Fact]
    public async Task Runs_older_than_a_week_are_dropped_when_a_run_is_recorded_at_most_once_an_hour()
    {
        var start = database.Time.GetUtcNow().UtcDateTime;
        var week = JobRunRetention.KeptFor;
        await SeedAsync(start - week - TimeSpan.FromDays(1), start - week - TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1),
            start - week + TimeSpan.FromMinutes(10), start - TimeSpan.FromDays(6));

        await RunAsync();
        Assert.Equal([start - week + TimeSpan.FromMinutes(10), start - TimeSpan.FromDays(6), start], await StartsAsync());

        // Half an hour on, the run seeded ten minutes inside the week is older than a week, but this node looked within the hour.
        database.Time.Advance(TimeSpan.FromMinutes(30));
        await RunAsync();
        Assert.Equal(4, (await StartsAsync()).Count);

        database.Time.Advance(TimeSpan.FromMinutes(40));
        await RunAsync();
        Assert.Equal([start - TimeSpan.FromDays(6), start, start.AddMinutes(30), start.AddMinutes(70)], await StartsAsync());
    }

    private async Task RunAsync() =>
        Assert.Equal(JobOutcome.Succeeded, await database.Get<JobRunner>().RunAsync("sweep-monitor", _ => Task.FromResult(new Idle()), force: true, Token));

    private async Task SeedAsync(params DateTime[] starts)
    {
        await using var db = database.NewContext();
        db.JobRuns.AddRange(starts.Select(at => new JobRun { Job = "sweep-monitor", StartedAt = at, FinishedAt = at, Succeeded = true }));
        await db.SaveChangesAsync(Token);
    }

    private async Task<List<DateTime>> StartsAsync()
    {
        await using var db = database.NewContext();
        return await db.JobRuns.OrderBy(r => r.Id).Select(r => r.StartedAt).ToListAsync(Token);
    }
}

[Integration]
public sealed class JobRunRetentionOnPostgreSqlTests : JobRunRetentionTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
