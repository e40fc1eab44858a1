using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Data;

/// <summary>Brings the database to the newest migration of its provider.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<ExchangeDbContext> contexts)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        await db.Database.MigrateAsync(cancellationToken);
        // Readers never wait for the writer, and writers queue instead of failing.
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
