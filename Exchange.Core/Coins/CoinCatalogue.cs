using Exchange.Core.Data;
using Exchange.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Coins;

/// <summary>
/// The Coins table, read once and kept until a coin changes: pages, API, jobs and rules all ask
/// here, so they agree with each other and with what an operator set.
/// </summary>
public sealed class CoinCatalogue : IDisposable
{
    private readonly IDbContextFactory<ExchangeDbContext> contexts;
    private readonly IDisposable subscription;
    private readonly Lock gate = new();
    private CoinList? current;
    private long generation;

    public CoinCatalogue(IDbContextFactory<ExchangeDbContext> contexts, IExchangeEvents events)
    {
        this.contexts = contexts;
        // CoinSettings invalidates directly on the node that saved; the event reaches the others
        // once events travel between nodes.
        subscription = events.Subscribe(e => e is OperatorActed, _ =>
        {
            Invalidate();
            return Task.CompletedTask;
        });
    }

    public async Task<CoinList> CurrentAsync(CancellationToken cancellationToken = default)
    {
        long loading;
        lock (gate)
        {
            if (current is not null) return current;
            loading = generation;
        }
        await using var db = contexts.CreateDbContext();
        var coins = new CoinList(await db.Coins.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(cancellationToken));
        lock (gate)
        {
            // A change committed while this read ran may be missing from it: use it once, keep it not.
            if (generation == loading) current = coins;
        }
        return coins;
    }

    /// <summary>The next read goes to the database again; call after committing a change to the Coins table.</summary>
    public void Invalidate()
    {
        lock (gate)
        {
            generation++;
            current = null;
        }
    }

    public void Dispose() => subscription.Dispose();
}
