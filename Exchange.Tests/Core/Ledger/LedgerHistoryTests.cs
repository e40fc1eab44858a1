using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Core.Ledger;

[Integration]
public class LedgerHistoryTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private CoreDatabase database = null!;
    private CancellationToken Token => TestContext.Current.CancellationToken;
    private LedgerHistory History => database.Get<LedgerHistory>();

    public async ValueTask InitializeAsync()
    {
        database = await CoreDatabase.CreateAsync(engine: Engine);
        var ledger = database.Get<LedgerService>();
        for (var i = 1; i <= 30; i++)
        {
            await ledger.ApplyAsync(LedgerChange.Deposit("alice", CoinSymbols.Iota, i * 1_000, "bundle", $"d{i}"), Token);
            database.Time.Advance(TimeSpan.FromHours(12));
        }
        await ledger.ApplyAsync(LedgerChange.Manual("alice", CoinSymbols.Iota, -500, "ops", "=HYPERLINK(\"x\"), fee, \"refund\""), Token);
        await ledger.ApplyAsync(LedgerChange.Deposit("bob", CoinSymbols.Iota, 7, "bundle", "b1"), Token);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Pages_go_newest_first_without_gaps_or_repeats_and_end_on_the_last_page()
    {
        var seen = new List<long>();
        long? cursor = null;
        do
        {
            var page = await History.PageAsync("alice", new HistoryFilter(), cursor, size: 7, Token);
            seen.AddRange(page.Entries.Select(e => e.Id));
            cursor = page.OlderThan;
        } while (cursor is not null);

        Assert.Equal(31, seen.Count);
        Assert.Equal(seen.OrderByDescending(id => id), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Filters_narrow_by_kind_and_date_and_never_show_another_user()
    {
        var manual = await History.PageAsync("alice", new HistoryFilter(Kind: LedgerEntryKind.Manual), cancellationToken: Token);
        // Deposits every 12 hours from 2026-11-24 12:00: the 25th holds the 00:00 and 12:00 ones.
        var oneDay = await History.PageAsync("alice", new HistoryFilter(From: new DateOnly(2026, 11, 25), To: new DateOnly(2026, 11, 25)), cancellationToken: Token);
        var bob = await History.PageAsync("bob", new HistoryFilter(), cancellationToken: Token);

        Assert.Equal(-500, Assert.Single(manual.Entries).AvailableChange);
        Assert.Equal([3_000L, 2_000L], oneDay.Entries.Select(e => e.AvailableChange));
        Assert.Equal("bob", Assert.Single(bob.Entries).UserId);
    }

    [Fact]
    public async Task The_csv_has_display_amounts_and_quotes_text_safely()
    {
        var csv = await History.CsvAsync("alice", new HistoryFilter(Kind: LedgerEntryKind.Manual), Token);
        var lines = csv.TrimEnd('\n').Split('\n');

        Assert.Equal("time_utc,kind,coin,available_change,reserved_change,available_after,reserved_after,reference,reason", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains(",Manual,MIOTA,-0.0005,0,0.4645,0,,\"'=HYPERLINK(\"\"x\"\"), fee, \"\"refund\"\"\"", lines[1]);
    }

    [Fact]
    public async Task The_value_over_time_follows_the_balance_after_each_entry_at_todays_price()
    {
        var all = await History.ValueOverTimeAsync("alice", 31, Token);
        var lastFive = await History.ValueOverTimeAsync("alice", 5, Token);

        Assert.Equal(31, all.Count);
        Assert.Equal(0.00027m, all[0].Usd);                 // 1,000 i at 0.27 USD per MIOTA
        Assert.Equal(0.125415m, all[^1].Usd);               // 464,500 i after the -500 adjustment
        Assert.Equal(all.Skip(26).Select(p => p.Usd), lastFive.Select(p => p.Usd));
    }
}

public sealed class LedgerHistoryOnPostgreSqlTests : LedgerHistoryTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
