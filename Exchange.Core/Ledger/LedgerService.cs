using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Ledger;

/// <summary>
/// The one place balances change. A posting validates the change, moves the account with a
/// conditional UPDATE (so no interleaving of writers can take a balance below zero) and appends the
/// entry, all inside the caller's transaction, so whatever else the caller changes (a withdrawal's
/// state, a deposit, a cursor) commits or rolls back together with the money.
/// </summary>
public sealed class LedgerService(IDbContextFactory<ExchangeDbContext> contexts, TimeProvider time)
{
    /// <summary>Posts within <paramref name="db"/>'s current transaction; the caller commits.</summary>
    public async Task<PostingResult> PostAsync(ExchangeDbContext db, LedgerChange change, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A ledger posting must run inside the caller's transaction.");

        if (LedgerRules.Check(change) is { } problem)
            return PostingResult.Rejected(problem);
        if (change.IdempotencyKey is { } key && await db.LedgerEntries.AnyAsync(e => e.IdempotencyKey == key, cancellationToken))
            return PostingResult.AlreadyApplied;
        if (!await db.Coins.AnyAsync(c => c.Symbol == change.Coin, cancellationToken))
            return PostingResult.Rejected($"Unknown coin '{change.Coin}'.");

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
        var id = await db.Accounts.Where(a => a.UserId == userId && a.Coin == coin).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (id != 0)
            return id;

        var account = Account.Open(userId, coin);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(account).State = EntityState.Detached;
        return account.Id;
    }

    private static async Task<string> ShortfallMessageAsync(ExchangeDbContext db, long accountId, LedgerChange change, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken);
        return account.Available + change.AvailableChange < 0
            ? $"Insufficient funds: {account.Available} {change.Coin} base units available, {-change.AvailableChange} needed."
            : $"Insufficient reserved funds: {account.Reserved} {change.Coin} base units reserved, {-change.ReservedChange} needed.";
    }
}
