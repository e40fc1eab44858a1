namespace Exchange.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>Configuration section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string DefaultSqliteConnectionString = "Data Source=data/exchange.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// For SQLite a relative <c>Data Source</c> is resolved against the content root, not the
    /// working directory, so the app finds its database however it is started.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Apply pending migrations when the app starts. Unset: on for SQLite (one process owns its
    /// file), off for the server providers, where the <c>migrate</c> verb runs once before the nodes
    /// and a node finding the schema behind refuses to start.
    /// </summary>
    public bool? MigrateOnStart { get; set; }

    public bool MigratesOnStart => MigrateOnStart ?? !IsServer;

    /// <summary>SQL Server and PostgreSQL run on a server the app must be told about; SQLite has a default file.</summary>
    public bool IsServer => Provider is DatabaseProvider.SqlServer or DatabaseProvider.PostgreSql;
}
