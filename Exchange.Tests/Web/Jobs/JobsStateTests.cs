using Exchange.Core.Jobs;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Jobs;

/// <summary>What every node must agree on about the jobs is in the database: the SQLite lease, an operator's pause, a back-off.</summary>
[Integration]
public sealed class JobsStateTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_process_on_one_sqlite_file_runs_no_jobs_says_why_and_takes_over_when_the_first_stops()
    {
        await using var store = await TestStore.CreateAsync(TestEngine.Sqlite);
        var first = Node(store);
        _ = first.Server;
        await using var second = Node(store);
        _ = second.Server;

        var waiting = second.Services.GetRequiredService<JobControl>().Node;
        Assert.False(waiting.RunsJobs);
        Assert.Contains("Another process", waiting.Description);
        await Assert.ThrowsAsync<InvalidOperationException>(() => second.Services.GetRequiredService<JobControl>().RunNowAsync(BalanceCheckJob.Name, new("ops", null), Token));
        await Eventually(async () => await RunsAsync(store) > 0, "the first process to run jobs");
        var before = await RunsAsync(store);
        await first.DisposeAsync();

        await Eventually(() => Task.FromResult(second.Services.GetRequiredService<JobControl>().Node.RunsJobs), "the second process to take the lease");
        await Eventually(async () => await RunsAsync(store) > before, "the second process to run jobs");
    }

    [Fact]
    public async Task A_job_paused_on_one_node_runs_on_none_and_the_pause_and_a_back_off_outlive_a_restart()
    {
        await using var store = await TestStore.CreateAsync(TestEngine.PostgreSql);
        await using (var a = Node(store))
        await using (var b = Node(store))
        {
            _ = b.Server;
            await a.CreateAsync("ops@example.com", isOperator: true);
            var ops = await a.SteppedUpAsync("ops@example.com");
            Assert.True((await a.Services.GetRequiredService<JobControl>().PauseAsync(WithdrawalJob.Name, ops.WithCode(), Token)).Succeeded);
            // A withdrawal run under way when the pause was written may still finish: count from a little later.
            var checks = await RunsAsync(store, BalanceCheckJob.Name);
            await Eventually(async () => await RunsAsync(store, BalanceCheckJob.Name) >= checks + 2, "the other jobs to go on running");
            var paused = await RunsAsync(store, WithdrawalJob.Name);
            await Eventually(async () => await RunsAsync(store, BalanceCheckJob.Name) >= checks + 6, "the other jobs to go on running");

            Assert.Equal(paused, await RunsAsync(store, WithdrawalJob.Name));
            Assert.True((await b.Services.GetRequiredService<JobControl>().ScheduleAsync(WithdrawalJob.Name, Token)).Paused);
            // Five failures in a row: the next try waits 32 s, longer than the restart takes.
            for (var i = 0; i < 5; i++)
                Assert.Equal(JobOutcome.Failed, await b.Services.GetRequiredService<JobRunner>().RunAsync<string>(SweepMonitorJob.Name,
                    _ => throw new InvalidOperationException("Hub is down"), s => s, force: true, Token));
        }

        await using var restarted = Node(store, jobs: false);
        _ = restarted.Server;
        Assert.True((await restarted.Services.GetRequiredService<JobControl>().ScheduleAsync(WithdrawalJob.Name, Token)).Paused);
        var skipped = await restarted.Services.GetRequiredService<JobRunner>().RunAsync(SweepMonitorJob.Name, _ => Task.FromResult("ran"), s => s, force: false, Token);
        Assert.Equal(JobOutcome.BackingOff, skipped);
    }

    private static ExchangeAppFactory Node(TestStore store, bool jobs = true) =>
        new() { Store = store, Jobs = jobs, Settings = { ["Jobs:SqliteLeaseDuration"] = "00:00:03" } };

    private static async Task<int> RunsAsync(TestStore store, string? job = null)
    {
        await using var db = await CoreDatabase.CreateAsync(store: store);
        await using var context = db.NewContext();
        return await context.JobRuns.CountAsync(r => job == null || r.Job == job, Token);
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited 30 s for {what}");
            await Task.Delay(200, Token);
        }
    }
}
