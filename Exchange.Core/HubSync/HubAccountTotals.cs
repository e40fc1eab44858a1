using Exchange.Core.Data;

namespace Exchange.Core.HubSync;

/// <summary>
/// The running totals of <see cref="HubAccount"/>: what Hub credited (DEPOSIT events) and what applied
/// batches moved on, for thousands of accounts at once: one increment per account, many accounts per
/// statement, in the caller's transaction.
/// </summary>
internal static class HubAccountTotals
{
    public static async Task AddCreditsAsync(ExchangeDbContext db, IReadOnlyList<(long AccountId, long Amount)> credits, CancellationToken cancellationToken)
    {
        foreach (var chunk in credits.Chunk(SqlStatement.RowsPerStatement(db, 2)))
        {
            var sql = new SqlStatement(db);
            var (id, credited) = (sql.Column<HubAccount>(nameof(HubAccount.Id)), sql.Column<HubAccount>(nameof(HubAccount.CreditedByHub)));
            var cases = string.Join(" ", chunk.Select(c => $"WHEN {sql.P(c.AccountId)} THEN {sql.P(c.Amount)}"));
            await sql.ExecuteAsync($"UPDATE {sql.Table<HubAccount>()} SET {credited} = {credited} + CASE {id} {cases} END WHERE {id} IN ({sql.List(chunk.Select(c => c.AccountId))})",
                cancellationToken);
        }
    }

    /// <summary>One applied batch moved these amounts out of these Hub users: each counts one more batch.</summary>
    public static async Task AddMovesAsync(ExchangeDbContext db, IReadOnlyList<(string HubUserId, long Amount)> moves, CancellationToken cancellationToken)
    {
        foreach (var chunk in moves.Chunk(SqlStatement.RowsPerStatement(db, 2)))
        {
            var sql = new SqlStatement(db);
            string C(string property) => sql.Column<HubAccount>(property);
            var (user, moved, batches) = (C(nameof(HubAccount.HubUserId)), C(nameof(HubAccount.MovedToHotWallet)), C(nameof(HubAccount.BatchesApplied)));
            var cases = string.Join(" ", chunk.Select(m => $"WHEN {sql.P(m.HubUserId)} THEN {sql.P(m.Amount)}"));
            await sql.ExecuteAsync(
                $"UPDATE {sql.Table<HubAccount>()} SET {moved} = {moved} + CASE {user} {cases} END, {batches} = {batches} + 1 WHERE {user} IN ({sql.List(chunk.Select(m => m.HubUserId))})",
                cancellationToken);
        }
    }
}
