using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Exchange.Tests.Core.Data;

[Integration]
public class MigrationsTests
{
    private static SqliteExchangeDbContext Sqlite(string dataSource) =>
        new(new DbContextOptionsBuilder<SqliteExchangeDbContext>().UseSqlite($"Data Source={dataSource}").Options);

    private static SqlServerExchangeDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerExchangeDbContext>()
            .UseSqlServer("Server=unused;Database=Exchange;TrustServerCertificate=True").Options);

    private static PostgreSqlExchangeDbContext PostgreSql() =>
        new(new DbContextOptionsBuilder<PostgreSqlExchangeDbContext>().UseNpgsql("Host=unused").Options);

    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = Sqlite(":memory:");
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqliteExchangeDbContext");
    }

    [Fact]
    public void The_sql_server_migrations_match_the_model()
    {
        using var db = SqlServer();
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqlServerExchangeDbContext");
    }

    [Fact]
    public void The_postgresql_migrations_match_the_model()
    {
        using var db = PostgreSql();
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context PostgreSqlExchangeDbContext");
    }

    [Fact]
    public async Task A_new_postgresql_database_migrates_and_holds_the_seeded_coins()
    {
        await using var store = await TestStore.CreateAsync(TestEngine.PostgreSql, migrated: false);
        await using var db = new PostgreSqlExchangeDbContext(new DbContextOptionsBuilder<PostgreSqlExchangeDbContext>().UseNpgsql(store.ConnectionString).Options);

        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        var coins = await db.Coins.OrderBy(c => c.SortOrder).Select(c => c.Symbol).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(CoinSeed.All.Select(c => c.Symbol).Order(), coins.Order());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_migrated_postgresql_database_leaves_room_to_update_the_balance_checks_rows_in_place()
    {
        await using var store = await TestStore.CreateAsync(TestEngine.PostgreSql);
        await using var db = new PostgreSqlExchangeDbContext(new DbContextOptionsBuilder<PostgreSqlExchangeDbContext>().UseNpgsql(store.ConnectionString).Options);

        var options = await db.Database.SqlQueryRaw<string>(
                "SELECT relname || ':' || COALESCE(array_to_string(reloptions, ','), '') AS \"Value\" FROM pg_class " +
                "WHERE relname IN ('DepositAddresses', 'Deposits', 'Accounts', 'HubAccounts', 'LedgerEntries') ORDER BY relname")
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["Accounts:fillfactor=50", "DepositAddresses:fillfactor=50", "Deposits:fillfactor=50", "HubAccounts:fillfactor=50", "LedgerEntries:"], options);
    }

    [Fact]
    public void The_sql_server_idempotent_script_generates()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("IF NOT EXISTS", script);
        Assert.Contains("SELECT * FROM [__EFMigrationsHistory]", script);
        Assert.Contains("CREATE TABLE [Coins]", script);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script);
        Assert.Contains("CONSTRAINT [CK_Accounts_Available_NotNegative] CHECK (Available >= 0)", script);
    }

    [Fact]
    public void The_postgresql_idempotent_script_generates()
    {
        using var db = PostgreSql();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("SELECT 1 FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" =", script);
        Assert.Contains("CREATE TABLE \"Coins\"", script);
        Assert.Contains("CREATE TABLE \"AspNetUsers\"", script);
        Assert.Contains("CONSTRAINT \"CK_Accounts_Available_NotNegative\" CHECK (\"Available\" >= 0)", script);
    }

    [Fact]
    public async Task A_new_sqlite_file_migrates_and_holds_the_seeded_coins()
    {
        using var folder = new TempFolder();
        await using var db = Sqlite(Path.Combine(folder.Path, "exchange.db"));

        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        var coins = await db.Coins.OrderBy(c => c.SortOrder).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["MIOTA", "BTC"], coins.Select(c => c.Symbol));
        Assert.Equal((6, "i", 0.27m), (coins[0].Decimals, coins[0].BaseUnit, coins[0].UsdPrice));
        Assert.Equal((8, "sat", 10100.00m), (coins[1].Decimals, coins[1].BaseUnit, coins[1].UsdPrice));
        Assert.Equal(CoinSeed.All.Count, coins.Count);
    }
}
