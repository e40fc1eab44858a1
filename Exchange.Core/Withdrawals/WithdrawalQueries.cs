using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Withdrawals;

/// <summary>Withdrawals as pages, the API and the jobs read them; nothing here changes one.</summary>
public sealed class WithdrawalQueries(IDbContextFactory<ExchangeDbContext> contexts)
{
    public async Task<Withdrawal?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
    }

    /// <summary>The user's withdrawals, newest first.</summary>
    public async Task<IReadOnlyList<Withdrawal>> ForUserAsync(string userId, int count = 20, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().Where(w => w.UserId == userId).OrderByDescending(w => w.Id).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>One of the user's withdrawals; null when there is none with that id or it is another user's.</summary>
    public async Task<Withdrawal?> FindForUserAsync(string userId, long id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id && w.UserId == userId, cancellationToken);
    }

    /// <summary>All of the user's withdrawals that are not final yet, however old, newest first.</summary>
    public async Task<IReadOnlyList<Withdrawal>> OpenForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().Where(w => w.UserId == userId && !WithdrawalStates.Final.Contains(w.State))
            .OrderByDescending(w => w.Id).ToListAsync(cancellationToken);
    }

    /// <summary>All of the user's withdrawals in one state, oldest first.</summary>
    public async Task<IReadOnlyList<Withdrawal>> ForUserInStateAsync(string userId, WithdrawalState state, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().Where(w => w.UserId == userId && w.State == state).OrderBy(w => w.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Withdrawals in one state, oldest first: the operators' queues.</summary>
    public async Task<IReadOnlyList<Withdrawal>> InStateAsync(WithdrawalState state, int count = 100, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().Where(w => w.State == state).OrderBy(w => w.Id).Take(count).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<WithdrawalState, int>> CountByStateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.GroupBy(w => w.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    /// <summary>Withdrawals in any of <paramref name="states"/>, newest change first.</summary>
    public async Task<IReadOnlyList<Withdrawal>> RecentInAsync(IReadOnlyCollection<WithdrawalState> states, int count = 100, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Withdrawals.AsNoTracking().Where(w => states.Contains(w.State)).OrderByDescending(w => w.UpdatedAt).ThenByDescending(w => w.Id)
            .Take(count).ToListAsync(cancellationToken);
    }
}
