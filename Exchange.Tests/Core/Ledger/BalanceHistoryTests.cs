using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Core.Ledger;

/// <summary>A user's balance per coin over time, read back by the database from the running balances of real ledger entries.</summary>
[Integration]
public class BalanceHistoryTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private CoreDatabase core = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => core = await CoreDatabase.CreateAsync(engine: Engine);

    public ValueTask DisposeAsync() => core.DisposeAsync();

    [Fact]
    public async Task Within_a_few_days_each_hour_ends_at_its_last_entry_and_quiet_hours_carry_the_balance()
    {
        At("2026-11-24T12:10:00Z");
        await core.FundAsync("alice", 1_000, "a");
        await core.FundAsync("alice", 500, "b");
        At("2026-11-24T14:45:00Z");
        await core.FundAsync("alice", 250, "c");
        await DepositAsync("alice", CoinSymbols.Bitcoin, 7);
        await core.FundAsync("bob", 9_999, "bob");
        At("2026-11-24T15:05:00Z");

        var history = await core.Get<BalanceHistory>().ForUserAsync("alice", Token);

        Assert.Equal([CoinSymbols.Bitcoin, CoinSymbols.Iota], history.Select(h => h.Coin));
        Assert.All(history, h => Assert.Equal(TimeSpan.FromHours(1), h.Period));
        Assert.Equal([("12:00", 0L), ("13:00", 0L), ("14:00", 7L), ("15:00", 7L)], Points(history[0]));
        Assert.Equal([("12:00", 1_500L), ("13:00", 1_500L), ("14:00", 1_750L), ("15:00", 1_750L)], Points(history[1]));
    }

    [Fact]
    public async Task A_longer_history_goes_day_by_day_from_each_coins_balance_before_its_first_entry_in_the_window()
    {
        await core.FundAsync("alice", 2_000, "long-ago");
        At("2027-03-01T08:00:00Z");
        await DepositAsync("alice", CoinSymbols.Bitcoin, 5);
        At("2027-03-02T12:00:00Z");
        await core.FundAsync("alice", 100, "a");
        At("2027-03-03T23:59:00Z");
        await core.FundAsync("alice", 10, "b");
        At("2027-03-04T00:01:00Z");
        await core.FundAsync("alice", 1, "c");
        At("2027-03-05T09:00:00Z");

        var history = await core.Get<BalanceHistory>().ForUserAsync("alice", Token);

        Assert.All(history, h => Assert.Equal(TimeSpan.FromDays(1), h.Period));
        Assert.Equal([("03-01", 5L), ("03-02", 5L), ("03-03", 5L), ("03-04", 5L), ("03-05", 5L)], Days(history[0]));
        Assert.Equal([("03-01", 2_000L), ("03-02", 2_100L), ("03-03", 2_110L), ("03-04", 2_111L), ("03-05", 2_111L)], Days(history[1]));
    }

    [Fact]
    public async Task A_coin_that_did_not_move_in_the_window_is_drawn_flat_at_its_balance()
    {
        await DepositAsync("alice", CoinSymbols.Bitcoin, 7);
        At("2027-03-04T10:00:00Z");
        await core.FundAsync("alice", 100, "a");
        At("2027-03-04T12:30:00Z");

        var history = await core.Get<BalanceHistory>().ForUserAsync("alice", Token);

        Assert.Equal([("10:00", 7L), ("11:00", 7L), ("12:00", 7L)], Points(history[0]));
        Assert.Equal([("10:00", 100L), ("11:00", 100L), ("12:00", 100L)], Points(history[1]));
    }

    [Fact]
    public async Task A_user_with_no_entries_in_the_window_has_no_history()
    {
        Assert.Empty(await core.Get<BalanceHistory>().ForUserAsync("nobody", Token));
    }

    [Fact]
    public async Task A_chart_drawn_again_shows_a_credit_booked_since_and_moves_on_when_the_hour_turns()
    {
        At("2026-11-24T12:10:00Z");
        await core.FundAsync("alice", 1_000, "a");
        var history = core.Get<BalanceHistory>();
        var before = await history.ForUserAsync("alice", Token);
        await core.FundAsync("alice", 500, "b");

        var after = await history.ForUserAsync("alice", Token);
        At("2026-11-24T13:01:00Z");
        var nextHour = await history.ForUserAsync("alice", Token);

        Assert.Equal([("12:00", 1_000L)], Points(before.Single()));
        Assert.Equal([("12:00", 1_500L)], Points(after.Single()));
        Assert.Equal([("12:00", 1_500L), ("13:00", 1_500L)], Points(nextHour.Single()));
    }

    private void At(string time) => core.Time.SetUtcNow(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture));

    private static List<(string, long)> Points(CoinBalanceHistory history) => [.. history.Points.Select(p => (p.At.ToString("HH:mm"), p.Balance))];

    private static List<(string, long)> Days(CoinBalanceHistory history) => [.. history.Points.Select(p => (p.At.ToString("MM-dd"), p.Balance))];

    private async Task DepositAsync(string user, string coin, long amount)
    {
        var posted = await core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit(user, coin, amount, "test", $"{coin}:{user}:{amount}"), Token);
        Assert.True(posted.Succeeded, posted.Message);
    }
}

public sealed class BalanceHistoryOnPostgreSqlTests : BalanceHistoryTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
