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

    /// <summary>SQL Server and PostgreSQL run on a server the app must be told about; SQLite has a default file.</summary>
    public bool IsServer => Provider is DatabaseProvider.SqlServer or DatabaseProvider.PostgreSql;
}
