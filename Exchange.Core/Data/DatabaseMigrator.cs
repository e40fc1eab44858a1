using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Data;

/// <summary>Brings the database to the newest migration of its provider.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<ExchangeDbContext> contexts)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        await db.Database.MigrateAsync(cancellationToken);
    }
}
