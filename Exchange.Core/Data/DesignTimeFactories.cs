using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Exchange.Core.Data;

// Used by dotnet-ef only: migrations are generated from the model, no live database is needed.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteExchangeDbContext>
{
    public SqliteExchangeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteExchangeDbContext>()
            .UseSqlite(DatabaseOptions.DefaultSqliteConnectionString).Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerExchangeDbContext>
{
    public SqlServerExchangeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerExchangeDbContext>()
            .UseSqlServer("Server=localhost;Database=Exchange;Trusted_Connection=True;TrustServerCertificate=True").Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlExchangeDbContext>
{
    public PostgreSqlExchangeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlExchangeDbContext>()
            .UseNpgsql("Host=localhost;Database=exchange").Options);
}
