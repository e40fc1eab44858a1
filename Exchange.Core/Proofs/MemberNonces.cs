using System.Data.Common;
using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Proofs;

/// <summary>
/// Makes users' member rows (their number and secret nonce) the first time a snapshot covers
/// them: nothing is made for a user before a snapshot needs it.
/// </summary>
internal sealed class MemberNonces(IDbContextFactory<ExchangeDbContext> contexts, TimeProvider time)
{
    private const int Batch = 20_000;
    private const int Attempts = 3;

    /// <summary>Gives every user with an account a member row; returns how many were made.</summary>
    public async Task<int> EnsureAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await MakeMissingAsync(cancellationToken);
            }
            catch (DbException) when (attempt < Attempts)
            {
                // Another node's snapshot made some of the same users' rows at the same moment: look again.
            }
        }
    }

    // One read of the users without a member row, streamed, and their rows written in batches on another connection.
    private async Task<int> MakeMissingAsync(CancellationToken cancellationToken)
    {
        await using var reading = contexts.CreateDbContext();
        var missing = reading.Accounts.Where(a => !reading.ProofMembers.Any(m => m.UserId == a.UserId)).Select(a => a.UserId).Distinct().AsAsyncEnumerable();
        var batch = new List<string>(Batch);
        var made = 0;
        await foreach (var user in missing.WithCancellation(cancellationToken))
        {
            batch.Add(user);
            if (batch.Count < Batch) continue;
            made += await InsertAsync(batch, cancellationToken);
            batch.Clear();
        }
        return made + await InsertAsync(batch, cancellationToken);
    }

    private async Task<int> InsertAsync(List<string> users, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var now = time.GetUtcNow().UtcDateTime;
        await BulkSql.InsertAsync(db, users.ConvertAll(user => ProofMember.For(user, now)), cancellationToken);
        return users.Count;
    }

    /// <summary>Gives the users the ledger read found without a member row (new since <see cref="EnsureAsync"/>) theirs.</summary>
    public async Task RegisterAsync(MemberBalances members, CancellationToken cancellationToken)
    {
        if (members.Unregistered.Count == 0) return;
        await EnsureAsync(cancellationToken);
        await using var db = contexts.CreateDbContext();
        var users = members.Unregistered.Select(u => u.UserId).ToList();
        var rows = await db.ProofMembers.AsNoTracking().Where(m => users.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId, StringComparer.Ordinal, cancellationToken);
        foreach (var (member, userId) in members.Unregistered)
            members.Register(member, rows[userId].Id, rows[userId].Nonce);
    }
}
