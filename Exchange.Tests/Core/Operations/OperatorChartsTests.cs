using Exchange.Core.Coins;
using Exchange.Core.Jobs;
using Exchange.Core.Ledger;
using Exchange.Core.Operations;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Core.Operations;

/// <summary>The operators' charts' figures, aggregated by the database from real ledger entries and job runs.</summary>
[Integration]
public class OperatorChartsTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private CoreDatabase core = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private OperatorCharts Charts => core.Get<OperatorCharts>();

    public async ValueTask InitializeAsync() => core = await CoreDatabase.CreateAsync(engine: Engine);

    public ValueTask DisposeAsync() => core.DisposeAsync();

    [Fact]
    public async Task Three_deposits_in_one_hour_are_three_in_that_hours_point_and_a_payout_counts_in_its_own_hour()
    {
        await core.FundAsync("old", 999, "three-days-ago");
        At("2026-11-27T09:10:00Z");
        await core.FundAsync("alice", 100_000_000, "a");
        At("2026-11-27T09:20:00Z");
        await core.FundAsync("bob", 200_000_000, "b");
        At("2026-11-27T09:59:59Z");
        await core.FundAsync("carol", 300_000_000, "c");
        At("2026-11-27T10:05:00Z");
        await core.FundAsync("alice", 50_000_000, "d");
        await PayOutAsync("bob", 70_000_000);
        At("2026-11-27T11:30:00Z");

        var flows = await Charts.FlowsAsync(Token);

        Assert.Equal(
            [
                new HourlyFlow(Utc("2026-11-27T09:00:00Z"), CoinSymbols.Iota, 3, 600_000_000, 0, 0),
                new HourlyFlow(Utc("2026-11-27T10:00:00Z"), CoinSymbols.Iota, 1, 50_000_000, 1, 70_000_000),
            ], flows);
        Assert.Equal(Utc("2026-11-25T12:00:00Z"), Charts.Since);
    }

    [Fact]
    public async Task Failed_runs_are_counted_in_their_hour_and_each_jobs_newest_runs_carry_their_durations()
    {
        At("2026-11-27T08:15:00Z");
        await RunAsync("balance-check", TimeSpan.FromSeconds(2), fails: false);
        await RunAsync("balance-check", TimeSpan.FromSeconds(1), fails: true);
        At("2026-11-27T09:40:00Z");
        await RunAsync("balance-check", TimeSpan.FromSeconds(3), fails: true);
        await RunAsync("withdrawals", TimeSpan.FromMilliseconds(500), fails: false);

        var jobs = await Charts.JobRunsAsync(Token);

        Assert.Equal(["balance-check", "withdrawals"], jobs.Select(j => j.Job));
        Assert.Equal([(2.0, true), (1.0, false), (3.0, false)], jobs[0].Runs.Select(r => (r.Duration.TotalSeconds, r.Succeeded)));
        Assert.Equal(
            [new HourlyFailures(Utc("2026-11-27T08:00:00Z"), "balance-check", 1), new HourlyFailures(Utc("2026-11-27T09:00:00Z"), "balance-check", 1)],
            jobs[0].FailuresPerHour);
        Assert.Empty(jobs[1].FailuresPerHour);
    }

    private void At(string time) => core.Time.SetUtcNow(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture));

    private static DateTime Utc(string time) => DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;

    // A withdrawal's money as the ledger books it: reserved when asked for, consumed when paid out and confirmed.
    private async Task PayOutAsync(string user, long amount)
    {
        var ledger = core.Get<LedgerService>();
        foreach (var change in (LedgerChange[])
        [
            new(user, CoinSymbols.Iota, LedgerEntryKind.WithdrawalReserve, -amount, amount, LedgerCause.User, "w-1", "w-1:reserve"),
            new(user, CoinSymbols.Iota, LedgerEntryKind.WithdrawalCompleted, 0, -amount, LedgerCause.Job, "w-1", "w-1:completed"),
        ])
        {
            var posted = await ledger.ApplyAsync(change, Token);
            Assert.True(posted.Succeeded, posted.Message);
        }
    }

    private async Task RunAsync(string job, TimeSpan takes, bool fails) =>
        await core.Get<JobRunner>().RunAsync(job, _ =>
        {
            core.Time.Advance(takes);
            return fails ? throw new InvalidOperationException("Hub is down") : Task.FromResult("ran");
        }, summary => summary, force: true, Token);
}

public sealed class OperatorChartsOnPostgreSqlTests : OperatorChartsTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
