using System.Data.Common;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Ledger;

/// <summary>
/// The one place balances change. A posting validates the change, moves the account with a
/// conditional UPDATE (so no interleaving of writers can take a balance below zero) and appends the
/// entry, all inside the caller's transaction, so whatever else the caller changes (a withdrawal's
/// state, a deposit, a cursor) commits or rolls back together with the money.
/// </summary>
public sealed class LedgerService(IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue, TimeProvider time)
{
    /// <summary>Posts within <paramref name="db"/>'s current transaction; the caller commits.</summary>
    public async Task<PostingResult> PostAsync(ExchangeDbContext db, LedgerChange change, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A ledger posting must run inside the caller's transaction.");

        if (await ProblemAsync([change], cancellationToken) is { } problem)
            return PostingResult.Rejected(problem);
        if (change.IdempotencyKey is { } key && await db.LedgerEntries.AnyAsync(e => e.IdempotencyKey == key, cancellationToken))
            return PostingResult.AlreadyApplied;

        var accountId = await OpenAccountAsync(db, change.UserId, change.Coin, cancellationToken);
        var moved = await db.Accounts
            .Where(a => a.Id == accountId && a.Available + change.AvailableChange >= 0 && a.Reserved + change.ReservedChange >= 0)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Available, a => a.Available + change.AvailableChange)
                .SetProperty(a => a.Reserved, a => a.Reserved + change.ReservedChange), cancellationToken);
        if (moved == 0)
            return PostingResult.Insufficient(await ShortfallMessageAsync(db, accountId, change, cancellationToken));

        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken);
        var entry = LedgerEntry.For(account, change, account.Available, account.Reserved, time.GetUtcNow().UtcDateTime);
        db.LedgerEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return PostingResult.Applied(entry);
    }

    /// <summary>
    /// Books many credits (deposits: Available up, each with its idempotency key) in the caller's
    /// transaction with a handful of statements per batch instead of per entry: the balance sync
    /// credits thousands of Hub events at once. Accounts move by one increment each, the entries
    /// (with their running balances) are inserted many rows per statement, and nothing is tracked.
    /// Keys already booked are skipped; returns what was booked (entries without their ids).
    /// A credit <see cref="PostAsync"/> would refuse throws with the same message, before anything is written.
    /// </summary>
    public async Task<IReadOnlyList<LedgerEntry>> CreditManyAsync(ExchangeDbContext db, IReadOnlyList<LedgerChange> credits, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A ledger posting must run inside the caller's transaction.");
        if (credits.FirstOrDefault(c => c.Kind != LedgerEntryKind.Deposit || c.IdempotencyKey is null) is { } bad)
            throw new ArgumentException($"Not a keyed credit: {bad.Kind}{(bad.IdempotencyKey is null ? " without an idempotency key" : "")}.", nameof(credits));
        if (await ProblemAsync(credits, cancellationToken) is { } problem)
            throw new InvalidOperationException(problem);

        var booked = await ExistingKeysAsync(db, credits.Select(c => c.IdempotencyKey!).ToList(), cancellationToken);
        var fresh = credits.Where(c => booked.Add(c.IdempotencyKey!)).ToList();
        if (fresh.Count == 0) return [];

        var accounts = await OpenAccountsAsync(db, fresh, cancellationToken);
        var totals = fresh.GroupBy(c => accounts[(c.UserId, c.Coin)]).Select(g => (Account: g.Key, Total: g.Sum(c => c.AvailableChange))).ToList();
        await AddToAvailableAsync(db, totals, cancellationToken);

        // Read after our own update (we hold the row now), then number the balances back from it.
        var ids = accounts.Values.Distinct().ToList();
        var after = (await db.Accounts.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id)).ToListAsync(cancellationToken)).ToDictionary(a => a.Id);

        var now = time.GetUtcNow().UtcDateTime;
        var entries = new List<LedgerEntry>(fresh.Count);
        foreach (var group in fresh.GroupBy(c => accounts[(c.UserId, c.Coin)]))
        {
            var account = after[group.Key];
            var running = account.Available - group.Sum(c => c.AvailableChange);
            foreach (var change in group)
            {
                running += change.AvailableChange;
                entries.Add(LedgerEntry.For(account, change, running, account.Reserved, now));
            }
        }
        await BulkSql.InsertAsync(db, entries, cancellationToken);
        return entries;
    }

    // What every posting must satisfy, single or bulk: each change's own shape, then that its coin exists.
    // Symbols are matched exactly against the catalogue, never by the database's collation.
    private async Task<string?> ProblemAsync(IReadOnlyList<LedgerChange> changes, CancellationToken cancellationToken)
    {
        if (changes.Select(LedgerRules.Check).FirstOrDefault(p => p is not null) is { } problem)
            return problem;
        var coins = await catalogue.CurrentAsync(cancellationToken);
        return changes.FirstOrDefault(c => coins.Find(c.Coin) is null) is { } unlisted ? CoinList.Unknown(unlisted.Coin) : null;
    }

    // One atomic increment per account, all accounts in one statement (plain SQL every provider runs,
    // with identifiers quoted the provider's way: PostgreSQL folds unquoted names to lower case).
    internal static Task AddToAvailableAsync(ExchangeDbContext db, List<(long Account, long Total)> totals, CancellationToken cancellationToken)
    {
        var sql = new SqlStatement(db);
        var table = sql.Table<Account>();
        var (id, available) = (sql.Column<Account>(nameof(Account.Id)), sql.Column<Account>(nameof(Account.Available)));
        var rows = sql.Rows<Account>([nameof(Account.Id), nameof(Account.Available)], totals.Select(t => new object?[] { t.Account, t.Total }));
        return sql.ExecuteAsync($"UPDATE {table} SET {available} = {table}.{available} + r.c1 FROM {rows} WHERE {table}.{id} = r.c0", cancellationToken);
    }

    private static async Task<HashSet<string>> ExistingKeysAsync(ExchangeDbContext db, List<string> keys, CancellationToken cancellationToken) =>
        [.. await db.LedgerEntries.Where(e => EF.Parameter(keys).Contains(e.IdempotencyKey!)).Select(e => e.IdempotencyKey!).ToListAsync(cancellationToken)];

    private static async Task<Dictionary<(string User, string Coin), long>> OpenAccountsAsync(ExchangeDbContext db, List<LedgerChange> changes, CancellationToken cancellationToken)
    {
        var wanted = changes.Select(c => (c.UserId, c.Coin)).Distinct().ToList();
        var ids = new Dictionary<(string, string), long>();
        await ReadAccountIdsAsync(db, wanted.Select(w => w.UserId).Distinct().ToList(), ids, cancellationToken);
        var missing = wanted.Where(w => !ids.ContainsKey(w)).Select(w => Account.Open(w.UserId, w.Coin)).ToList();
        if (missing.Count == 0) return ids;
        if (await TryInsertNewAccountsAsync(db, missing, cancellationToken))
            await ReadAccountIdsAsync(db, missing.Select(a => a.UserId).Distinct().ToList(), ids, cancellationToken);
        else
            foreach (var account in missing)
                ids[(account.UserId, account.Coin)] = await OpenAccountAsync(db, account.UserId, account.Coin, cancellationToken);
        return ids;
    }

    private static async Task ReadAccountIdsAsync(ExchangeDbContext db, List<string> users, Dictionary<(string, string), long> ids, CancellationToken cancellationToken)
    {
        foreach (var a in await db.Accounts.AsNoTracking().Where(a => EF.Parameter(users).Contains(a.UserId)).Select(a => new { a.Id, a.UserId, a.Coin }).ToListAsync(cancellationToken))
            ids[(a.UserId, a.Coin)] = a.Id;
    }

    // Many first postings open their accounts in a few statements. A concurrent writer that opened one
    // of them first makes the unique index refuse the statement: back to the savepoint, and each
    // account is then opened the careful way.
    private static async Task<bool> TryInsertNewAccountsAsync(ExchangeDbContext db, IReadOnlyList<Account> accounts, CancellationToken cancellationToken)
    {
        const string savepoint = "open_accounts";
        var transaction = db.Database.CurrentTransaction!;
        await transaction.CreateSavepointAsync(savepoint, cancellationToken);
        try
        {
            await BulkSql.InsertAsync(db, accounts, cancellationToken);
            await transaction.ReleaseSavepointAsync(savepoint, cancellationToken);
            return true;
        }
        catch (DbException)
        {
            await transaction.RollbackToSavepointAsync(savepoint, cancellationToken);
            return false;
        }
    }

    /// <summary>Posts one change in a transaction of its own.</summary>
    public async Task<PostingResult> ApplyAsync(LedgerChange change, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = contexts.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await PostAsync(db, change, cancellationToken);
            if (result.Succeeded)
                await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (DbUpdateException) when (change.IdempotencyKey is not null)
        {
            // A concurrent writer booked the same key between our check and our insert; the unique
            // index refused the second one and the transaction rolled back.
            if (await IsBookedAsync(change.IdempotencyKey, cancellationToken))
                return PostingResult.AlreadyApplied;
            throw;
        }
    }

    public async Task<IReadOnlyList<Account>> AccountsOfAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Accounts.AsNoTracking().Where(a => a.UserId == userId).ToListAsync(cancellationToken);
    }

    private async Task<bool> IsBookedAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.LedgerEntries.AnyAsync(e => e.IdempotencyKey == idempotencyKey, cancellationToken);
    }

    private static async Task<long> OpenAccountAsync(ExchangeDbContext db, string userId, string coin, CancellationToken cancellationToken)
    {
        if (await AccountIdAsync(db, userId, coin, cancellationToken) is var id and not 0)
            return id;

        var account = Account.Open(userId, coin);
        db.Accounts.Add(account);
        if (await TrySaveNewAccountsAsync(db, [account], cancellationToken))
            return account.Id;
        return await AccountIdAsync(db, userId, coin, cancellationToken) is var opened and not 0
            ? opened
            : throw new InvalidOperationException($"The {coin} account of user {userId} could not be opened.");
    }

    private static Task<long> AccountIdAsync(ExchangeDbContext db, string userId, string coin, CancellationToken cancellationToken) =>
        db.Accounts.Where(a => a.UserId == userId && a.Coin == coin).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);

    // Where writers run side by side (PostgreSQL, SQL Server), a concurrent first posting can open the
    // same account between our read and our insert: the unique index refuses ours once theirs commits,
    // EF rolls back to the savepoint it took (on SQL Server only without MARS, which the exchange does
    // not use), and the caller's transaction carries on with their row.
    private static async Task<bool> TrySaveNewAccountsAsync(ExchangeDbContext db, IReadOnlyList<Account> accounts, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
        finally
        {
            foreach (var account in accounts)
                db.Entry(account).State = EntityState.Detached;
        }
    }

    private static async Task<string> ShortfallMessageAsync(ExchangeDbContext db, long accountId, LedgerChange change, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken);
        return account.Available + change.AvailableChange < 0
            ? $"Insufficient funds: {account.Available} {change.Coin} base units available, {-change.AvailableChange} needed."
            : $"Insufficient reserved funds: {account.Reserved} {change.Coin} base units reserved, {-change.ReservedChange} needed.";
    }
}
