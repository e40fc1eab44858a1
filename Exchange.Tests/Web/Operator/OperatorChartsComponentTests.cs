using Bunit;
using Exchange.Core.Coins;
using Exchange.Core.Events;
using Exchange.Core.Jobs;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Dashboard;
using Exchange.Web.Components.Pages.Operator.Charts;
using MudBlazor;

namespace Exchange.Tests.Web.Operator;

/// <summary>
/// The overview's and the dashboard's charts over real ledger entries and job runs: each point and
/// table row is the aggregate of the entries in its hour, and a chart reads again when money moves,
/// at most once per interval.
/// </summary>
public class OperatorChartsComponentTests : CoreComponentTest
{
    private static readonly DateTime NineOClock = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    protected override async Task SeedAsync()
    {
        At(NineOClock.AddMinutes(10));
        await Core.FundAsync("alice", 100_000_000, "a");
        At(NineOClock.AddMinutes(20));
        await Core.FundAsync("bob", 200_000_000, "b");
        At(NineOClock.AddMinutes(50));
        await Core.FundAsync("alice", 300_000_000, "c");
        At(NineOClock.AddMinutes(90));
    }

    [Fact]
    public void Three_deposits_in_one_hour_show_as_three_in_that_hours_point_and_row()
    {
        var chart = Render<MoneyFlowChart>();

        chart.WaitForAssertion(() => Assert.Equal("3", chart.Find("tr[data-hour='2026-11-25T09'] [data-field='deposits']").TextContent));
        Assert.Equal("600 MIOTA", chart.Find("tr[data-hour='2026-11-25T09'] [data-field='deposited']").TextContent);
        var counts = chart.FindComponents<MudChart<double>>()[0].Instance.ChartSeries;
        var deposits = counts.Single(s => s.Name == "Deposits credited").Data.Points;
        Assert.Equal(48, deposits.Count);
        Assert.Equal(3, deposits.Single(p => Equals(p.X, NineOClock)).Y);
        Assert.Equal(3, deposits.Sum(p => p.Y));
        Assert.Equal(600, chart.FindComponents<MudChart<double>>()[1].Instance.ChartSeries.Single(s => s.Name == "Deposited (MIOTA)").Data.Points.Sum(p => p.Y));
        Assert.StartsWith("3 deposit(s) credited and 0 withdrawal(s) paid in the last 48 hours; the busiest hour began 2026-11-25 09:00 UTC with 3.",
            chart.Find("#flow-counts [data-field='chart-summary']").TextContent);
    }

    [Fact]
    public void Two_quiet_days_show_an_empty_chart_that_says_nothing_moved()
    {
        At(NineOClock.AddDays(3));

        var chart = Render<MoneyFlowChart>();

        chart.WaitForAssertion(() => Assert.Equal("0 deposit(s) credited and 0 withdrawal(s) paid in the last 48 hours.",
            chart.Find("#flow-counts [data-field='chart-summary']").TextContent.Trim()));
        Assert.DoesNotContain(chart.FindAll("tr[data-hour] [data-field='deposits']"), c => c.TextContent != "0");
    }

    [Fact]
    public async Task A_deposit_shows_on_the_chart_once_the_interval_since_its_last_read_has_passed()
    {
        var chart = Render<MoneyFlowChart>();
        chart.WaitForAssertion(() => Assert.Equal("3", chart.Find("tr[data-hour='2026-11-25T09'] [data-field='deposits']").TextContent));

        await Core.FundAsync("carol", 1_000_000, "late");
        Core.Get<IExchangeEvents>().Publish(new BalanceChanged("carol", CoinSymbols.Iota));
        await Task.Delay(300, Token);
        var before = chart.FindAll("tr[data-hour='2026-11-25T10'] [data-field='deposits']");
        Core.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Empty(before);
        chart.WaitForAssertion(() => Assert.Equal("1", chart.Find("tr[data-hour='2026-11-25T10'] [data-field='deposits']").TextContent));
    }

    [Fact]
    public async Task The_job_chart_counts_failed_runs_and_draws_each_runs_duration()
    {
        await RunAsync("balance-check", TimeSpan.FromSeconds(2), fails: true);
        await RunAsync("balance-check", TimeSpan.FromSeconds(4), fails: false);

        var chart = Render<JobRunsChart>();

        chart.WaitForAssertion(() => Assert.Equal("1", chart.Find("tr[data-job='balance-check'] [data-field='failed-hours']").TextContent));
        var durations = chart.FindComponents<MudChart<double>>()[0].Instance.ChartSeries.Single(s => s.Name == "balance-check").Data.Points;
        Assert.Equal([2.0, 4.0], durations.Select(p => p.Y));
        Assert.Equal(1, chart.FindComponents<MudChart<double>>()[1].Instance.ChartSeries.Single().Data.Points.Single(p => Equals(p.X, NineOClock.AddHours(1))).Y);
    }

    [Fact]
    public void The_dashboard_draws_a_users_balance_hour_by_hour_from_their_entries()
    {
        var chart = Render<BalanceChart>(p => p.Add(c => c.UserId, "alice"));

        chart.WaitForAssertion(() => chart.Find("table[data-coin='MIOTA']"));
        var points = chart.FindComponent<MudChart<double>>().Instance.ChartSeries.Single().Data.Points;
        Assert.Equal([(NineOClock, 400.0), (NineOClock.AddHours(1), 400.0)], points.Select(p => ((DateTime)p.X!, p.Y)));
        Assert.Equal(["400 MIOTA"], chart.FindAll("table[data-coin='MIOTA'] [data-field='balance']").Select(c => c.TextContent));
    }

    private void At(DateTime time) => Core.Time.SetUtcNow(time);

    private async Task RunAsync(string job, TimeSpan takes, bool fails) =>
        await Core.Get<JobRunner>().RunAsync(job, _ =>
        {
            Core.Time.Advance(takes);
            return fails ? throw new InvalidOperationException("Hub is down") : Task.FromResult("ran");
        }, summary => summary, force: true, Token);
}
