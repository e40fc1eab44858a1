using Exchange.Core.Data;
using Exchange.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.AddressBook;

public sealed record ActivationRun(int Announced)
{
    public string Summary => Announced == 0 ? "nothing new" : $"{Announced} address(es) announced as usable";
}

/// <summary>
/// The address activations job's work: an entry becomes usable by the clock alone (its
/// <see cref="AddressBookEntry.ActiveFrom"/>), and this tells its owner once that it has. Each entry
/// is marked announced by a conditional update in the transaction that writes its <c>activated</c>
/// notice, so a crash neither loses the notice nor sends it twice, and of two nodes at once only the
/// one whose update changed the row writes it. A removed entry is gone, so it is never announced.
/// </summary>
public sealed class AddressActivations(IDbContextFactory<ExchangeDbContext> contexts, IExchangeEvents events, TimeProvider time)
{
    public const int BatchSize = 100;

    public async Task<ActivationRun> RunAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var (due, announced) = await AnnounceBatchAsync(cancellationToken);
            total += announced;
            if (due < BatchSize) return new ActivationRun(total);
        }
    }

    private async Task<(int Due, int Announced)> AnnounceBatchAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.AddressBookEntries.AsNoTracking().Where(e => e.ActivationAnnouncedAt == null && e.ActiveFrom <= now)
            .OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
        var announced = new List<AddressBookEntry>();
        foreach (var entry in due)
        {
            if (!await ClaimAsync(db, entry.Id, now, cancellationToken)) continue;
            AddressBookNotices.Add(db, AddressBookNotices.Activated, entry, now);
            announced.Add(entry);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var user in announced.Select(e => e.UserId).Distinct())
            events.Publish(new AddressBookChanged(user));
        return (due.Count, announced.Count);
    }

    // Another node announcing (or the owner removing) the entry meanwhile leaves this update nothing to change.
    private static async Task<bool> ClaimAsync(ExchangeDbContext db, long id, DateTime now, CancellationToken cancellationToken) =>
        await db.AddressBookEntries.Where(e => e.Id == id && e.ActivationAnnouncedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ActivationAnnouncedAt, now), cancellationToken) == 1;
}
