using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Exchange.Core.Data;

/// <summary>What a migrate did: whether it had to create the database, and the migrations it applied.</summary>
public sealed record MigrationOutcome(bool CreatedDatabase, IReadOnlyList<string> Applied);

/// <summary>
/// Brings the database to the newest migration of its provider, or checks that it is there, and then
/// runs the <see cref="IDataUpgrade"/>s (rows stored in an older way).
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<ExchangeDbContext> contexts, IOptions<DatabaseOptions> options, IEnumerable<IDataUpgrade> upgrades)
{
    private DatabaseProvider Provider => options.Value.Provider;

    // Any constant both nodes agree on: PostgreSQL advisory locks are named by a number.
    private const long PostgreSqlMigrationLock = 0x45584348_4d494752;

    // A SQL Server database another migrate has just created may take a moment to come online.
    private static readonly TimeSpan CreatedElsewhereWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Creates a missing database on a server, as EF Core's own migrate does, then applies what is
    /// pending. Nodes migrating at once apply each migration once: EF Core's own migration lock on
    /// SQL Server and SQLite, and on PostgreSQL a session advisory lock held on the connection the
    /// migrations run on (EF's lock there is let go when the first migration's transaction commits,
    /// and a second node then applied the same migration again).
    /// </summary>
    public async Task<MigrationOutcome> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var outcome = await MigrateSchemaAsync(cancellationToken);
        await UpgradeDataAsync(cancellationToken);
        return outcome;
    }

    private async Task<MigrationOutcome> MigrateSchemaAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        try
        {
            var created = options.Value.IsServer && await CreateIfMissingAsync(db, cancellationToken);
            if (!db.Database.IsNpgsql())
                return new(created, await MigrateWithAsync(db, cancellationToken));
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({PostgreSqlMigrationLock})", cancellationToken);
            try
            {
                return new(created, await MigrateWithAsync(db, cancellationToken));
            }
            finally
            {
                // Explicitly: a pooled connection keeps its session, and the lock with it.
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({PostgreSqlMigrationLock})", CancellationToken.None);
            }
        }
        catch (Exception e) when (IsDatabaseError(e))
        {
            throw new DatabaseNotReadyException($"The {Provider} database could not be reached or migrated: {DatabaseMessage(e)}", e);
        }
    }

    /// <summary>
    /// Done before anything else, because the PostgreSQL lock needs the database. Another migrate
    /// may create it at the same moment: the loser of that race goes on with the winner's database.
    /// </summary>
    private static async Task<bool> CreateIfMissingAsync(ExchangeDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken)) return false;
        try
        {
            await creator.CreateAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (CreatedElsewhere(e))
        {
            await WaitUntilExistsAsync(creator, cancellationToken);
            return false;
        }
    }

    // PostgreSQL says 42P04 when the other CREATE DATABASE had committed before this one looked, and
    // 23505 (pg_database's unique name) when both looked first; SQL Server says 1801.
    private static bool CreatedElsewhere(Exception e) => Chain(e).Any(x => x
        is PostgresException { SqlState: PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation }
        or SqlException { Number: 1801 });

    private static async Task WaitUntilExistsAsync(IRelationalDatabaseCreator creator, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CreatedElsewhereWait);
        while (!await creator.ExistsAsync(timeout.Token))
            await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
    }

    private static async Task<IReadOnlyList<string>> MigrateWithAsync(ExchangeDbContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        // EF's migrate also compares the model with the snapshot on every call (about 100 ms of
        // processor): with nothing to apply there is nothing to do (MigrationsTests keeps them equal).
        if (pending.Count > 0)
            await db.Database.MigrateAsync(cancellationToken);
        // Readers never wait for the writer, and writers queue instead of failing.
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        return pending;
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
            throw new DatabaseNotReadyException($"The {Provider} database is not migrated: {pending.Count} migration(s) not applied, the newest {pending[^1]}.")
            {
                SchemaBehind = true,
            };
        // A release whose only change is to data needs no `migrate` run: each node finishes the job at start.
        await UpgradeDataAsync(cancellationToken);
    }

    private async Task UpgradeDataAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var upgrade in upgrades)
                await upgrade.RunAsync(cancellationToken);
        }
        catch (Exception e) when (IsDatabaseError(e))
        {
            throw new DatabaseNotReadyException($"The {Provider} database could not be upgraded: {DatabaseMessage(e)}", e);
        }
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
