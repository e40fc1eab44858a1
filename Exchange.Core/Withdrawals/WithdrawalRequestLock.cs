using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Withdrawals;

/// <summary>
/// One row per user that requests withdrawals. A request updates its row first thing in its
/// transaction, so the row lock (SQL Server, PostgreSQL) or the write lock (SQLite) makes a
/// user's requests check the daily limits and the 24-hour two-factor total one after another.
/// Per user, not per coin: the two-factor total spans every coin. A manual adjustment takes the
/// rows of its requester and its user, so the 24-hour four-eyes totals are counted one at a time too.
/// </summary>
public sealed class WithdrawalRequestLock
{
    public string UserId { get; private set; } = "";

    /// <summary>How many requests took the lock; bumped to take it.</summary>
    public long Requests { get; private set; }

    private WithdrawalRequestLock() { }

    /// <summary>Makes sure the user's row exists (in a context of its own: a losing concurrent insert is harmless).</summary>
    internal static async Task EnsureAsync(IDbContextFactory<ExchangeDbContext> contexts, string userId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        if (await db.WithdrawalRequestLocks.AnyAsync(l => l.UserId == userId, cancellationToken)) return;
        db.WithdrawalRequestLocks.Add(new WithdrawalRequestLock { UserId = userId });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request inserted it first, or the failure is real (then the lock taken next finds no row and says so).
        }
    }

    /// <summary>Takes the user's lock inside <paramref name="db"/>'s transaction; it is held until that commits or rolls back.</summary>
    internal static async Task TakeAsync(ExchangeDbContext db, string userId, CancellationToken cancellationToken)
    {
        if (await db.WithdrawalRequestLocks.Where(l => l.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(l => l.Requests, l => l.Requests + 1), cancellationToken) != 1)
            throw new InvalidOperationException($"The withdrawal lock row of user {userId} is missing.");
    }
}

internal sealed class WithdrawalRequestLockConfiguration : IEntityTypeConfiguration<WithdrawalRequestLock>
{
    public void Configure(EntityTypeBuilder<WithdrawalRequestLock> entity)
    {
        entity.HasKey(l => l.UserId);
        entity.Property(l => l.UserId).HasMaxLength(450);
    }
}
