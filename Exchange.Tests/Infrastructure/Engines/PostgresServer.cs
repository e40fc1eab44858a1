using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Exchange.Tests.Infrastructure.Engines;

/// <summary>
/// The PostgreSQL server named by <c>EXCHANGE_POSTGRES</c> (test.sh starts one). Each test gets a
/// database of its own, cloned from a template this process migrated once, and dropped afterwards.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "EXCHANGE_POSTGRES";

    private static readonly SemaphoreSlim Creating = new(1, 1);
    private static readonly string Template = $"exchange_template_{Guid.NewGuid():N}"[..30];
    private static bool templateReady;

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: run the suite with ./test.sh, or point {Variable} at a PostgreSQL server (a connection string of a user who may create databases).");

    /// <summary>The connection string of <paramref name="database"/> on the server.</summary>
    public static string For(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database, MaxPoolSize = 50 }.ConnectionString;

    /// <summary>A new database: the exchange's schema in it, or empty (for tests of migrating).</summary>
    public static async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        var name = $"exchange_test_{Guid.NewGuid():N}";
        await Creating.WaitAsync();
        try
        {
            if (migrated && !templateReady)
            {
                await ExecuteAsync($"CREATE DATABASE {Template}");
                try
                {
                    await MigrateAsync(Template);
                }
                catch
                {
                    await DropAsync(Template); // the next test tries again, and fails with the same message
                    throw;
                }
                templateReady = true;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => DropOnExit(Template);
            }
            await ExecuteAsync(migrated ? $"CREATE DATABASE {name} TEMPLATE {Template}" : $"CREATE DATABASE {name}");
        }
        finally
        {
            Creating.Release();
        }
        return name;
    }

    public static async Task DropAsync(string database)
    {
        await using (var connection = new NpgsqlConnection(For(database)))
            NpgsqlConnection.ClearPool(connection);
        await ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    // A ProcessExit handler cannot await: Npgsql's synchronous calls drop the template.
    private static void DropOnExit(string database)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    private static async Task MigrateAsync(string database)
    {
        // No pooling: a template may not have a connection open while it is cloned.
        var connectionString = new NpgsqlConnectionStringBuilder(For(database)) { Pooling = false }.ConnectionString;
        var options = new DbContextOptionsBuilder<PostgreSqlExchangeDbContext>().UseNpgsql(connectionString).Options;
        await using var db = new PostgreSqlExchangeDbContext(options);
        await db.Database.MigrateAsync();
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
