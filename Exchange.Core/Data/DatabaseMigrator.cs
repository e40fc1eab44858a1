using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Data;

/// <summary>Brings the database to the newest migration of its provider, or checks that it is there.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<ExchangeDbContext> contexts, IOptions<DatabaseOptions> options)
{
    public const string MigrateCommandLine = "dotnet Exchange.Web.dll migrate";

    private DatabaseProvider Provider => options.Value.Provider;

    /// <summary>
    /// Applies what is pending and returns the migrations that were pending. Nodes migrating at
    /// once are safe: EF Core holds its migration lock while it applies them.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.Database.MigrateAsync(cancellationToken);
            // Readers never wait for the writer, and writers queue instead of failing.
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            return pending;
        }
        catch (Exception e) when (IsDatabaseError(e))
        {
            throw new DatabaseNotReadyException($"The {Provider} database could not be reached or migrated: {DatabaseMessage(e)}", e);
        }
    }

    /// <summary>What the app does at start: migrate, or (with <c>Database:MigrateOnStart</c> off) refuse a schema that is behind.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.MigratesOnStart)
        {
            await MigrateAsync(cancellationToken);
            return;
        }
        var pending = await PendingAsync(cancellationToken);
        if (pending.Count > 0)
            throw new DatabaseNotReadyException(
                $"The {Provider} database is not migrated: {pending.Count} migration(s) not applied, the newest {pending[^1]}. " +
                $"Database:MigrateOnStart is off, so run `{MigrateCommandLine}` once first (in docker-compose the migrate service does), then start the nodes.");
    }

    /// <summary>The newest migration this build knows.</summary>
    public string NewestMigration()
    {
        using var db = contexts.CreateDbContext();
        return db.Database.GetMigrations().Last();
    }

    private async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        try
        {
            return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        }
        catch (Exception e) when (IsDatabaseError(e))
        {
            throw new DatabaseNotReadyException($"The {Provider} database could not be reached: {DatabaseMessage(e)}", e);
        }
    }

    // Providers throw their DbException directly or wrapped (a transient failure, a failed migration).
    private static bool IsDatabaseError(Exception e) => Chain(e).Any(x => x is DbException);

    private static string DatabaseMessage(Exception e) => Chain(e).OfType<DbException>().First().Message;

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            yield return e;
    }
}
