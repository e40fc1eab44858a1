using Exchange.Core.Data;

namespace Exchange.Core.HubSync;

/// <summary>
/// The running totals of <see cref="HubAccount"/>: what Hub credited (DEPOSIT events) and what applied
/// batches moved on, for thousands of accounts at once: one increment per account, all accounts in
/// one statement, in the caller's transaction.
/// </summary>
internal static class HubAccountTotals
{
    public static async Task AddCreditsAsync(ExchangeDbContext db, IReadOnlyList<(long AccountId, long Amount)> credits, CancellationToken cancellationToken)
    {
        if (credits.Count == 0) return;
        var sql = new SqlStatement(db);
        var table = sql.Table<HubAccount>();
        var (id, credited) = (sql.Column<HubAccount>(nameof(HubAccount.Id)), sql.Column<HubAccount>(nameof(HubAccount.CreditedByHub)));
        var rows = sql.Rows<HubAccount>([nameof(HubAccount.Id), nameof(HubAccount.CreditedByHub)], credits.Select(c => new object?[] { c.AccountId, c.Amount }));
        await sql.ExecuteAsync($"UPDATE {table} SET {credited} = {table}.{credited} + r.c1 FROM {rows} WHERE {table}.{id} = r.c0", cancellationToken);
    }

    /// <summary>One applied batch moved these amounts out of these Hub users: each counts one more batch.</summary>
    public static async Task AddMovesAsync(ExchangeDbContext db, IReadOnlyList<(string HubUserId, long Amount)> moves, CancellationToken cancellationToken)
    {
        if (moves.Count == 0) return;
        var sql = new SqlStatement(db);
        var table = sql.Table<HubAccount>();
        string C(string property) => sql.Column<HubAccount>(property);
        var (user, moved, batches) = (C(nameof(HubAccount.HubUserId)), C(nameof(HubAccount.MovedToHotWallet)), C(nameof(HubAccount.BatchesApplied)));
        var rows = sql.Rows<HubAccount>([nameof(HubAccount.HubUserId), nameof(HubAccount.MovedToHotWallet)], moves.Select(m => new object?[] { m.HubUserId, m.Amount }));
        await sql.ExecuteAsync(
            $"UPDATE {table} SET {moved} = {table}.{moved} + r.c1, {batches} = {table}.{batches} + 1 FROM {rows} WHERE {table}.{user} = r.c0", cancellationToken);
    }
}
