using Exchange.Core.Data;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Web.Cli;

/// <summary>Runs the real <c>Exchange.Web migrate</c> process, and the app itself, against empty databases on SQLite and PostgreSQL.</summary>
[Integration]
public class MigrateCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TestEngine.Sqlite)]
    [InlineData(TestEngine.PostgreSql)]
    public async Task Migrates_an_empty_database_creates_the_demo_accounts_and_says_so(TestEngine engine)
    {
        await using var store = await TestStore.CreateAsync(engine, migrated: false);

        var run = await MigrateAsync(store, DemoAccounts);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(DemoPassword, run.Text);
        await using var db = Open(store);
        var migrations = db.Database.GetMigrations().ToList();
        Assert.Contains($"Migrated the {store.Provider} database: applied {migrations.Count} migration(s), the newest {migrations[^1]}; demo accounts created.", run.Output);
        Assert.Equal(migrations, await db.Database.GetAppliedMigrationsAsync(Token));
        Assert.Equal(["demo@exchange.local", "operator@exchange.local"], await db.Users.Select(u => u.Email!).OrderBy(e => e).ToListAsync(Token));
    }

    [Theory]
    [InlineData(TestEngine.Sqlite)]
    [InlineData(TestEngine.PostgreSql)]
    public async Task Run_again_it_applies_nothing_and_adds_no_second_set_of_demo_accounts(TestEngine engine)
    {
        await using var store = await TestStore.CreateAsync(engine, migrated: false);
        await MigrateAsync(store, DemoAccounts);

        var again = await MigrateAsync(store, DemoAccounts);

        Assert.Equal(0, again.ExitCode);
        await using var db = Open(store);
        Assert.Contains($"The {store.Provider} database was already up to date ({db.Database.GetMigrations().Last()}); the database has users, no demo accounts added.", again.Output);
        Assert.Equal(2, await db.Users.CountAsync(Token));
    }

    [Fact]
    public async Task Outside_Development_demo_accounts_without_their_passwords_are_refused_naming_both_settings()
    {
        await using var store = await TestStore.CreateAsync(TestEngine.Sqlite, migrated: false);

        var run = await MigrateAsync(store, "--environment=Production", "--DemoAccounts:Enabled=true");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("set DemoAccounts:UserPassword and DemoAccounts:OperatorPassword", run.Error);
        Assert.DoesNotContain("password Demo-", run.Text);
        await using var db = Open(store);
        Assert.Empty(await db.Users.ToListAsync(Token));
    }

    [Fact]
    public async Task On_a_postgresql_server_without_the_database_it_creates_the_database_and_migrates_it()
    {
        var name = MissingDatabaseName();
        try
        {
            var run = await MigrateMissingAsync(name);

            Assert.True(run.ExitCode == 0, run.Text);
            await using var db = OpenPostgreSql(name);
            var migrations = db.Database.GetMigrations().ToList();
            Assert.Contains($"Created the PostgreSql database and migrated it: applied {migrations.Count} migration(s), the newest {migrations[^1]}; demo accounts off.", run.Output);
            Assert.Equal(migrations, await db.Database.GetAppliedMigrationsAsync(Token));
        }
        finally
        {
            await PostgresServer.DropAsync(name);
        }
    }

    [Fact]
    public async Task Two_migrates_at_once_on_a_missing_postgresql_database_both_succeed_and_apply_each_migration_once()
    {
        var name = MissingDatabaseName();
        try
        {
            var runs = await Task.WhenAll(MigrateMissingAsync(name), MigrateMissingAsync(name));

            Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Text));
            Assert.Single(runs, run => run.Output.Contains("Created the PostgreSql database", StringComparison.Ordinal));
            await using var db = OpenPostgreSql(name);
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Token));
        }
        finally
        {
            await PostgresServer.DropAsync(name);
        }
    }

    [Fact]
    public async Task An_unreachable_database_is_a_clear_message_and_a_failing_exit_code()
    {
        using var folder = new TempFolder();

        var run = await AppProcess.RunAsync(folder.Path, ["migrate", "--Database:Provider=PostgreSql",
            "--Database:ConnectionString=Host=127.0.0.1;Port=9;Username=exchange;Database=exchange;Timeout=5", "--Hub:Url=http://127.0.0.1:9"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("The PostgreSql database could not be reached or migrated: Failed to connect to 127.0.0.1:9", run.Error);
        Assert.DoesNotContain("   at ", run.Error); // a message, not a stack trace
    }

    [Fact]
    public async Task A_server_database_left_unmigrated_stops_the_app_with_the_command_to_run()
    {
        await using var store = await TestStore.CreateAsync(TestEngine.PostgreSql, migrated: false);

        var run = await AppProcess.RunAsync(store.Folder.Path, [.. StoreArgs(store), "--Urls=http://127.0.0.1:0", "--DemoAccounts:Enabled=false", "--Jobs:Enabled=false"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("The PostgreSql database is not migrated", run.Error);
        Assert.Contains("Database:MigrateOnStart is off, so run `dotnet Exchange.Web.dll migrate` once first", run.Error);
        await using var db = Open(store);
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync(Token));
    }

    // Outside Development (these runs set no environment) a demo deployment chooses the passwords: none is printed.
    private const string DemoPassword = "Demo-pass-for-tests-7";

    private static readonly string[] DemoAccounts =
        ["--DemoAccounts:Enabled=true", $"--DemoAccounts:UserPassword={DemoPassword}", $"--DemoAccounts:OperatorPassword={DemoPassword}"];

    private static Task<AppProcess.Run> MigrateAsync(TestStore store, params IEnumerable<string> args) =>
        AppProcess.RunAsync(store.Folder.Path, ["migrate", .. StoreArgs(store), .. args]);

    // A name no test created: the server has no database of that name until migrate makes it.
    private static string MissingDatabaseName() => $"exchange_test_{Guid.NewGuid():N}";

    private static Task<AppProcess.Run> MigrateMissingAsync(string database) =>
        AppProcess.RunAsync(null, ["migrate", "--Database:Provider=PostgreSql", $"--Database:ConnectionString={PostgresServer.For(database)}",
            "--Hub:Url=http://127.0.0.1:9", "--DemoAccounts:Enabled=false"]);

    private static PostgreSqlExchangeDbContext OpenPostgreSql(string database) =>
        new(new DbContextOptionsBuilder<PostgreSqlExchangeDbContext>().UseNpgsql(PostgresServer.For(database)).Options);

    private static IEnumerable<string> StoreArgs(TestStore store) =>
        [.. store.Settings.Select(s => $"--{s.Key}={s.Value}"), "--Hub:Url=http://127.0.0.1:9"];

    private static ExchangeDbContext Open(TestStore store) => store.Engine == TestEngine.Sqlite
        ? new SqliteExchangeDbContext(new DbContextOptionsBuilder<SqliteExchangeDbContext>().UseSqlite(store.ConnectionString).Options)
        : new PostgreSqlExchangeDbContext(new DbContextOptionsBuilder<PostgreSqlExchangeDbContext>().UseNpgsql(store.ConnectionString).Options);
}
