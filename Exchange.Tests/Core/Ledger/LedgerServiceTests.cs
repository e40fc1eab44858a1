using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Core.Ledger;

[Integration]
public class LedgerServiceTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private const string Alice = "alice";
    private const string Iota = CoinSymbols.Iota;
    private CoreDatabase database = null!;
    private LedgerService Ledger => database.Get<LedgerService>();
    private CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => database = await CoreDatabase.CreateAsync(engine: Engine);
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private static LedgerChange Reserve(long amount) =>
        new(Alice, Iota, LedgerEntryKind.WithdrawalReserve, -amount, amount, LedgerCause.User, "test");

    [Fact]
    public async Task A_deposit_credits_available_and_appends_an_entry_with_the_balance_after()
    {
        var result = await Ledger.ApplyAsync(LedgerChange.Deposit(Alice, Iota, 5_000_000, "bundle", "event-1"), Token);

        Assert.Equal(PostingOutcome.Applied, result.Outcome);
        var account = Assert.Single(await Ledger.AccountsOfAsync(Alice, Token));
        Assert.Equal((5_000_000, 0), (account.Available, account.Reserved));
        Assert.Equal((5_000_000, 0, LedgerEntryKind.Deposit), (result.Entry!.AvailableAfter, result.Entry.ReservedAfter, result.Entry.Kind));
        Assert.Equal(database.Time.GetUtcNow().UtcDateTime, result.Entry.CreatedAt);
    }

    [Fact]
    public async Task A_debit_beyond_the_balance_is_refused_and_changes_nothing()
    {
        await Ledger.ApplyAsync(LedgerChange.Deposit(Alice, Iota, 100, "bundle", "event-1"), Token);

        var result = await Ledger.ApplyAsync(Reserve(101), Token);

        Assert.Equal(PostingOutcome.InsufficientFunds, result.Outcome);
        Assert.Equal("Insufficient funds: 100 MIOTA base units available, 101 needed.", result.Message);
        var account = Assert.Single(await Ledger.AccountsOfAsync(Alice, Token));
        Assert.Equal((100, 0), (account.Available, account.Reserved));
        await using var db = database.NewContext();
        Assert.Equal(1, await db.LedgerEntries.CountAsync(Token));
    }

    [Fact]
    public async Task The_same_hub_event_applied_twice_in_a_row_is_credited_once()
    {
        var deposit = LedgerChange.Deposit(Alice, Iota, 1_000, "bundle", "hub:deposit:user-1:1000:1");

        var first = await Ledger.ApplyAsync(deposit, Token);
        var second = await Ledger.ApplyAsync(deposit, Token);

        Assert.Equal((PostingOutcome.Applied, PostingOutcome.AlreadyApplied), (first.Outcome, second.Outcome));
        Assert.Equal(1_000, Assert.Single(await Ledger.AccountsOfAsync(Alice, Token)).Available);
    }

    [Fact]
    public async Task The_same_hub_event_applied_concurrently_is_credited_once()
    {
        var deposit = LedgerChange.Deposit(Alice, Iota, 1_000, "bundle", "hub:deposit:user-1:1000:1");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Ledger.ApplyAsync(deposit, Token), Token)));

        Assert.Single(results, r => r.Outcome == PostingOutcome.Applied);
        Assert.All(results.Where(r => r.Outcome != PostingOutcome.Applied), r => Assert.Equal(PostingOutcome.AlreadyApplied, r.Outcome));
        Assert.Equal(1_000, Assert.Single(await Ledger.AccountsOfAsync(Alice, Token)).Available);
    }

    [Fact]
    public async Task Two_hundred_concurrent_debits_succeed_exactly_as_often_as_the_balance_allows()
    {
        await Ledger.ApplyAsync(LedgerChange.Deposit(Alice, Iota, 1_000, "bundle", "event-1"), Token);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(async () => (Key: $"debit-{i}", Result: await Ledger.ApplyAsync(Reserve(7) with { IdempotencyKey = $"debit-{i}" }, Token)), Token)));

        var applied = results.Where(r => r.Result.Succeeded).Select(r => r.Key).Order().ToList();
        Assert.Equal(1_000 / 7, applied.Count);
        Assert.All(results.Where(r => !r.Result.Succeeded), r =>
            Assert.Equal((PostingOutcome.InsufficientFunds, "Insufficient funds: 6 MIOTA base units available, 7 needed."), (r.Result.Outcome, r.Result.Message)));
        await using var db = database.NewContext();
        var debits = await db.LedgerEntries.Where(e => e.Kind == LedgerEntryKind.WithdrawalReserve).ToListAsync(Token);
        Assert.Equal(applied, debits.Select(e => e.IdempotencyKey).Order());
        var account = Assert.Single(await Ledger.AccountsOfAsync(Alice, Token));
        Assert.Equal((1_000 % 7, 1_000 / 7 * 7), (account.Available, account.Reserved));
        var entries = await db.LedgerEntries.Where(e => e.AccountId == account.Id).ToListAsync(Token);
        Assert.Equal((account.Available, account.Reserved), (entries.Sum(e => e.AvailableChange), entries.Sum(e => e.ReservedChange)));
        // Each entry's balance-after is one step of a single sequence: no two debits saw the same balance.
        Assert.Equal(Enumerable.Range(0, applied.Count + 1).Select(n => 1_000L - 7 * n), entries.Select(e => e.AvailableAfter).OrderDescending());
        Assert.True((await database.Get<Reconciliation>().RunAsync(Token)).IsBalanced);
    }

    [Fact]
    public async Task Concurrent_first_postings_of_a_new_account_all_apply_to_one_account()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => Ledger.ApplyAsync(LedgerChange.Deposit(Alice, Iota, 100, "bundle", $"event-{i}"), Token), Token)));

        Assert.All(results, r => Assert.Equal(PostingOutcome.Applied, r.Outcome));
        var account = Assert.Single(await Ledger.AccountsOfAsync(Alice, Token));
        Assert.Equal((2_000, 0), (account.Available, account.Reserved));
        Assert.True((await database.Get<Reconciliation>().RunAsync(Token)).IsBalanced);
    }

    [Fact]
    public async Task Bulk_credits_opening_the_same_new_accounts_at_once_all_apply()
    {
        var users = Enumerable.Range(0, 30).Select(u => $"user-{u}").ToList();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(run => Task.Run(async () =>
        {
            await using var db = database.NewContext();
            await using var transaction = await db.Database.BeginTransactionAsync(Token);
            await Ledger.CreditManyAsync(db, [.. users.Select(u => LedgerChange.Deposit(u, Iota, 100, "bundle", $"event-{run}-{u}"))], Token);
            await transaction.CommitAsync(Token);
        }, Token)));

        foreach (var user in users)
            Assert.Equal(500, Assert.Single(await Ledger.AccountsOfAsync(user, Token)).Available);
        Assert.True((await database.Get<Reconciliation>().RunAsync(Token)).IsBalanced);
    }

    [Theory]
    [InlineData(LedgerEntryKind.Deposit, -5, 0, "A deposit adds to Available only.")]
    [InlineData(LedgerEntryKind.WithdrawalReserve, -5, 4, "A withdrawal reserve moves Available to Reserved.")]
    [InlineData(LedgerEntryKind.WithdrawalRefund, -5, 5, "A withdrawal refund moves Reserved back to Available.")]
    [InlineData(LedgerEntryKind.WithdrawalCompleted, 5, -5, "A completed withdrawal consumes Reserved only.")]
    [InlineData(LedgerEntryKind.Deposit, 0, 0, "A ledger change must move some amount.")]
    public async Task A_change_of_the_wrong_shape_is_refused(LedgerEntryKind kind, long available, long reserved, string message)
    {
        var result = await Ledger.ApplyAsync(new LedgerChange(Alice, Iota, kind, available, reserved, LedgerCause.Job), Token);

        Assert.Equal((PostingOutcome.Rejected, message), (result.Outcome, result.Message));
        Assert.Empty(await Ledger.AccountsOfAsync(Alice, Token));
    }

    [Fact]
    public async Task A_manual_adjustment_needs_an_operator_and_a_reason()
    {
        var withoutReason = await Ledger.ApplyAsync(LedgerChange.Manual(Alice, Iota, 50, "ops-1", " "), Token);
        var withReason = await Ledger.ApplyAsync(LedgerChange.Manual(Alice, Iota, 50, "ops-1", "Goodwill credit for ticket 42"), Token);

        Assert.Equal("A manual adjustment must be made by an operator and give a reason.", withoutReason.Message);
        Assert.True(withReason.Succeeded);
        Assert.Equal(("ops-1", "Goodwill credit for ticket 42"), (withReason.Entry!.OperatorId, withReason.Entry.Reason));
    }

    [Theory]
    [InlineData("DOGE")]
    [InlineData("miota")] // symbols match exactly, whatever the database's collation
    public async Task An_unknown_coin_is_refused_and_opens_no_account(string coin)
    {
        var result = await Ledger.ApplyAsync(LedgerChange.Deposit(Alice, coin, 5, "bundle", "event-1"), Token);

        Assert.Equal((PostingOutcome.Rejected, $"Unknown coin '{coin}'."), (result.Outcome, result.Message));
        Assert.Empty(await Ledger.AccountsOfAsync(Alice, Token));
    }

    [Theory]
    [InlineData("DOGE")]
    [InlineData("miota")]
    public async Task A_bulk_credit_with_an_unknown_coin_is_refused_with_the_single_postings_message_and_books_none_of_the_batch(string coin)
    {
        var single = await Ledger.ApplyAsync(LedgerChange.Deposit(Alice, coin, 5, "bundle", "event-0"), Token);
        await using var db = database.NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync(Token);
        LedgerChange[] credits = [LedgerChange.Deposit(Alice, Iota, 5, "bundle", "event-1"), LedgerChange.Deposit("bob", coin, 5, "bundle", "event-2")];

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Ledger.CreditManyAsync(db, credits, Token));
        await transaction.CommitAsync(Token);

        Assert.Equal($"Unknown coin '{coin}'.", single.Message);
        Assert.Equal(single.Message, refused.Message);
        Assert.Empty(await Ledger.AccountsOfAsync(Alice, Token));
        Assert.Equal(0, await db.LedgerEntries.CountAsync(Token));
    }

    [Fact]
    public async Task A_bulk_credit_of_the_wrong_shape_is_refused_with_the_single_postings_message()
    {
        await using var db = database.NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync(Token);
        var negative = new LedgerChange(Alice, Iota, LedgerEntryKind.Deposit, -5, 0, LedgerCause.Job, "bundle", "event-1");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Ledger.CreditManyAsync(db, [negative], Token));

        Assert.Equal("A deposit adds to Available only.", refused.Message);
        Assert.Empty(await Ledger.AccountsOfAsync(Alice, Token));
    }

    [Fact]
    public async Task Reconciliation_totals_liabilities_per_coin_and_catches_a_balance_changed_behind_the_ledger()
    {
        await Ledger.ApplyAsync(LedgerChange.Deposit(Alice, Iota, 1_000, "b", "e1"), Token);
        await Ledger.ApplyAsync(LedgerChange.Deposit("bob", Iota, 500, "b", "e2"), Token);
        await Ledger.ApplyAsync(Reserve(300), Token);
        var before = await database.Get<Reconciliation>().RunAsync(Token);

        await using (var db = database.NewContext())
            await db.Accounts.Where(a => a.UserId == "bob").ExecuteUpdateAsync(s => s.SetProperty(a => a.Available, a => a.Available + 1), Token);
        var after = await database.Get<Reconciliation>().RunAsync(Token);

        Assert.True(before.IsBalanced);
        Assert.Equal(new CoinLiability(Iota, 1_200, 300), Assert.Single(before.Liabilities));
        var mismatch = Assert.Single(after.Mismatches);
        Assert.Equal(("bob", 501L, 500L), (mismatch.UserId, mismatch.Available, mismatch.EntriesAvailable));
    }
}

public sealed class LedgerServiceOnPostgreSqlTests : LedgerServiceTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
