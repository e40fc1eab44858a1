using System.Diagnostics;
using Exchange.Core.Audit;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Ledger;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Exchange.Tests.Web.Deployment;

/// <summary>
/// deploy/postgres/roles.sql, as compose.postgres.yml runs it, on the real PostgreSQL: migrate runs
/// as the schema's owner and the app as its own role, which reads and writes rows of every table
/// (Quartz's and the key ring's included) but may only add to the audit log.
/// </summary>
[Integration]
public sealed class DatabaseRolesTests : IAsyncDisposable
{
    private const string Password = "Role-pass-for-tests-1";
    private readonly string suffix = Guid.NewGuid().ToString("N")[..12];
    private readonly TempFolder folder = new();
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Database => $"exchange_roles_{suffix}";
    private string Owner => $"exchange_owner_{suffix}";
    private string App => $"exchange_app_{suffix}";

    [Fact]
    public async Task Migrated_by_the_owner_the_app_works_as_its_own_role_and_may_add_to_the_audit_log_but_never_change_or_delete_an_entry()
    {
        await RunRolesScriptAsync();
        await RunRolesScriptAsync(); // every `up` runs it again
        var migrate = await AppProcess.RunAsync(folder.Path, ["migrate", "--Database:Provider=PostgreSql", $"--Database:ConnectionString={As(Owner)}", "--Hub:Url=http://127.0.0.1:9"]);
        Assert.True(migrate.ExitCode == 0, migrate.Text);

        await using var app = new ExchangeAppFactory
        {
            Jobs = true,
            Settings = { ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = As(App), ["Database:MigrateOnStart"] = "false" },
        };
        await app.CreateAsync("ann@example.com");
        using var ann = await app.LoggedInClientAsync("ann@example.com");
        Assert.True((await ann.GetAsync("/api/v1/balances", Token)).IsSuccessStatusCode);
        var annId = await app.UserIdAsync("ann@example.com");
        var credited = await app.Services.GetRequiredService<LedgerService>().ApplyAsync(LedgerChange.Deposit(annId, CoinSymbols.Iota, 5, "bundle", "roles-test"), Token);
        Assert.True(credited.Succeeded, credited.Message);
        await app.Services.GetRequiredService<AuditLog>().RecordAsync(new OperatorAction(annId, "Roles checked", "the app's role"), Token);
        await WaitForJobRunAsync(app);

        await using var asApp = new NpgsqlConnection(As(App));
        await asApp.OpenAsync(Token);
        Assert.Equal(1L, await ScalarAsync(asApp, """SELECT count(*) FROM "AuditLog" """));
        Assert.Equal("42501", await RefusalAsync(asApp, """UPDATE "AuditLog" SET "Reason" = 'rewritten' """));
        Assert.Equal("42501", await RefusalAsync(asApp, """DELETE FROM "AuditLog" """));
        Assert.Equal("42501", await RefusalAsync(asApp, """DROP TABLE "LedgerEntries" """));
        Assert.Equal("42501", await RefusalAsync(asApp, """CREATE TABLE "Extra" ("Id" int)"""));
        Assert.Equal(1L, await ScalarAsync(asApp, """SELECT count(*) FROM "AuditLog" WHERE "Reason" IS NULL"""));
    }

    private string As(string role) =>
        new NpgsqlConnectionStringBuilder(PostgresServer.For(Database)) { Username = role, Password = Password, Pooling = false }.ConnectionString;

    private async Task RunRolesScriptAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString);
        var start = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-X", "-q", "-h", server.Host!, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", server.Username!, "-d", server.Database ?? "postgres",
                     "-f", Path.Combine(RepositoryFolders.Root, "deploy", "postgres", "roles.sql"), "-v", $"database={Database}",
                     "-v", $"owner={Owner}", "-v", $"owner_password={Password}", "-v", $"app={App}", "-v", $"app_password={Password}"])
            start.ArgumentList.Add(arg);
        if (server.Password is { } password) start.Environment["PGPASSWORD"] = password;
        using var psql = Process.Start(start)!;
        var output = psql.StandardOutput.ReadToEndAsync(Token);
        var error = psql.StandardError.ReadToEndAsync(Token);
        await psql.WaitForExitAsync(Token);
        Assert.True(psql.ExitCode == 0, $"roles.sql failed: {await output}{await error}");
        Assert.Equal("", await error);
    }

    private static async Task WaitForJobRunAsync(ExchangeAppFactory app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var db = app.Services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContext())
                if (await db.JobRuns.AnyAsync(r => r.Succeeded, Token)) return;
            Assert.True(DateTime.UtcNow < deadline, "no job ran under Quartz's clustered store within 30 s");
            await Task.Delay(250, Token);
        }
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Token);
    }

    private static async Task<string> RefusalAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Token));
        return refused.SqlState;
    }

    public async ValueTask DisposeAsync()
    {
        await PostgresServer.DropAsync(Database);
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS {App}; DROP ROLE IF EXISTS {Owner}", connection);
            await drop.ExecuteNonQueryAsync();
        }
        folder.Dispose();
    }
}
