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
        var made = 0;
        var failures = 0;
        while (true)
        {
            await using var db = contexts.CreateDbContext();
            var missing = await db.Accounts.Where(a => !db.ProofMembers.Any(m => m.UserId == a.UserId)).Select(a => a.UserId).Distinct()
                .Take(Batch).ToListAsync(cancellationToken);
            if (missing.Count == 0) return made;
            var now = time.GetUtcNow().UtcDateTime;
            try
            {
                await BulkSql.InsertAsync(db, missing.ConvertAll(user => ProofMember.For(user, now)), cancellationToken);
                made += missing.Count;
            }
            catch (DbException) when (++failures < Attempts)
            {
                // Another node's snapshot made some of these at the same moment: look again.
            }
        }
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
