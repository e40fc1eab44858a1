namespace Exchange.Tests.Infrastructure.Engines;

/// <summary>
/// Where one test's exchange keeps its data: a folder (content root, the Hub emulator's file) and
/// the database on the test's engine, a SQLite file in that folder or a PostgreSQL database of its
/// own. Open it again with a new host to play a restart.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly string? postgresDatabase;

    private TestStore(TestEngine engine, TempFolder folder, string? postgresDatabase)
    {
        Engine = engine;
        Folder = folder;
        this.postgresDatabase = postgresDatabase;
    }

    public TestEngine Engine { get; }
    public TempFolder Folder { get; }

    /// <summary>The value of <c>Database:Provider</c>.</summary>
    public string Provider => Engine == TestEngine.Sqlite ? "Sqlite" : "PostgreSql";

    /// <summary>The value of <c>Database:ConnectionString</c>.</summary>
    public string ConnectionString => postgresDatabase is null ? $"Data Source={SqlitePath}" : PostgresServer.For(postgresDatabase);

    public string SqlitePath => Path.Combine(Folder.Path, "exchange.db");

    /// <summary>The exchange's settings for this store, for a host's configuration.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Database:Provider", Provider), new("Database:ConnectionString", ConnectionString)];

    /// <summary>
    /// A new store, its database migrated unless <paramref name="migrated"/> is false (then a SQLite
    /// file is made by the first migration, as in the app).
    /// </summary>
    public static async Task<TestStore> CreateAsync(TestEngine engine = TestEngine.Sqlite, bool migrated = true)
    {
        if (engine == TestEngine.Sqlite) return Sqlite(migrated);
        return new TestStore(engine, new TempFolder(), await PostgresServer.CreateDatabaseAsync(migrated));
    }

    /// <summary>A new SQLite store: a folder, and in it a copy of the migrated file unless <paramref name="migrated"/> is false.</summary>
    public static TestStore Sqlite(bool migrated = true)
    {
        var store = new TestStore(TestEngine.Sqlite, new TempFolder(), null);
        if (migrated) SqliteTemplate.CopyTo(store.SqlitePath);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        if (postgresDatabase is not null) await PostgresServer.DropAsync(postgresDatabase);
        Folder.Dispose();
    }
}
