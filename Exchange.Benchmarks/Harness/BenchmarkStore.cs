using Microsoft.Data.Sqlite;
using Npgsql;

namespace Exchange.Benchmarks.Harness;

/// <summary>
/// The exchange's database for one benchmark run: a SQLite file in the run's folder, or a fresh
/// PostgreSQL database created through a superuser connection and dropped at the end.
/// </summary>
internal sealed class BenchmarkStore : IAsyncDisposable
{
    public const string PostgresVariable = "EXCHANGE_POSTGRES";

    private readonly string? postgresServer;
    private readonly string? database;

    private BenchmarkStore(string provider, string connectionString, string? postgresServer = null, string? database = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.postgresServer = postgresServer;
        this.database = database;
    }

    public string Provider { get; }
    public string ConnectionString { get; }

    /// <summary>The host settings that point the exchange at this store.</summary>
    public (string Key, string Value)[] Settings => [("Database:Provider", Provider), ("Database:ConnectionString", ConnectionString)];

    public static Task<BenchmarkStore> SqliteAsync(string folder) =>
        Task.FromResult(new BenchmarkStore("Sqlite", $"Data Source={Path.Combine(folder, "exchange.db")}"));

    public static async Task<BenchmarkStore> PostgresAsync(string superuserConnectionString)
    {
        var database = $"exchange_benchmark_{Guid.NewGuid():N}";
        await ExecuteAsync(superuserConnectionString, $"CREATE DATABASE {database}");
        var connectionString = new NpgsqlConnectionStringBuilder(superuserConnectionString) { Database = database, MaxPoolSize = 50 }.ConnectionString;
        return new BenchmarkStore("PostgreSql", connectionString, superuserConnectionString, database);
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (postgresServer is null) return;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(postgresServer, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
