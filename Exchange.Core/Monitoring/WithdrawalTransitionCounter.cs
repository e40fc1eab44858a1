using System.Data.Common;
using System.Runtime.CompilerServices;
using Exchange.Core.Withdrawals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Exchange.Core.Monitoring;

/// <summary>
/// Counts withdrawals entering a state where every state change is made: in the database. A change
/// counts once it is committed: at the end of SaveChanges, or of the transaction it was saved in.
/// </summary>
public sealed class WithdrawalTransitionCounter(ExchangeMetrics metrics) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<WithdrawalState>> saving = new();
    private readonly ConditionalWeakTable<DbContext, List<WithdrawalState>> uncommitted = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(saving, eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(saving, eventData.Context);
        return Task.CompletedTask;
    }

    // Contexts are pooled: a transaction disposed without commit or rollback must not leave its
    // transitions to the next user of the same context.
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Forget(uncommitted, eventData.Context);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Forget(uncommitted, eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(uncommitted, eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(uncommitted, eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        var entered = context.ChangeTracker.Entries<Withdrawal>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(w => w.State).IsModified))
            .Select(e => e.Entity.State).ToList();
        saving.AddOrUpdate(context, entered);
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !saving.TryGetValue(context, out var entered)) return;
        saving.Remove(context);
        if (context.Database.CurrentTransaction is null)
            Count(entered);
        else
            uncommitted.GetOrCreateValue(context).AddRange(entered);
    }

    private void Committed(DbContext? context)
    {
        if (context is null || !uncommitted.TryGetValue(context, out var entered)) return;
        uncommitted.Remove(context);
        Count(entered);
    }

    private void Count(List<WithdrawalState> entered)
    {
        foreach (var state in entered) metrics.WithdrawalEntered(state);
    }

    private static void Forget(ConditionalWeakTable<DbContext, List<WithdrawalState>> table, DbContext? context)
    {
        if (context is not null) table.Remove(context);
    }
}
