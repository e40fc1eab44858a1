using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Ledger;

/// <summary>What the exchange owes its users in one coin.</summary>
public sealed record CoinLiability(string Coin, long Available, long Reserved)
{
    public long Total => Available + Reserved;
}

/// <summary>An account whose balance is not the sum of its entries: something bypassed the ledger.</summary>
public sealed record AccountMismatch(long AccountId, string UserId, string Coin, long Available, long Reserved, long EntriesAvailable, long EntriesReserved);

public sealed record ReconciliationReport(IReadOnlyList<CoinLiability> Liabilities, IReadOnlyList<AccountMismatch> Mismatches)
{
    public bool IsBalanced => Mismatches.Count == 0;
    public long LiabilityIn(string coin) => Liabilities.FirstOrDefault(l => l.Coin == coin)?.Total ?? 0;
}

public sealed class Reconciliation(IDbContextFactory<ExchangeDbContext> contexts)
{
    public async Task<ReconciliationReport> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var liabilities = await db.Accounts
            .GroupBy(a => a.Coin)
            .Select(g => new CoinLiability(g.Key, g.Sum(a => a.Available), g.Sum(a => a.Reserved)))
            .ToListAsync(cancellationToken);

        var mismatches = await db.Accounts
            .Select(a => new
            {
                Account = a,
                EntriesAvailable = db.LedgerEntries.Where(e => e.AccountId == a.Id).Sum(e => e.AvailableChange),
                EntriesReserved = db.LedgerEntries.Where(e => e.AccountId == a.Id).Sum(e => e.ReservedChange),
            })
            .Where(x => x.Account.Available != x.EntriesAvailable || x.Account.Reserved != x.EntriesReserved)
            .Select(x => new AccountMismatch(x.Account.Id, x.Account.UserId, x.Account.Coin, x.Account.Available, x.Account.Reserved,
                x.EntriesAvailable, x.EntriesReserved))
            .ToListAsync(cancellationToken);

        return new ReconciliationReport(liabilities.OrderBy(l => l.Coin).ToList(), mismatches);
    }
}
