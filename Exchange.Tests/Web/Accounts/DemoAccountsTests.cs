using System.Text.RegularExpressions;
using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Web.Accounts;

/// <summary>
/// The demo accounts outside Development, in the real process: off unless asked for, and a demo
/// password never reaches the console, which is the log collectors' input there.
/// </summary>
[Integration]
public partial class DemoAccountsTests : IDisposable
{
    private const string UserPassword = "Demo-user-pass-41";
    private const string OperatorPassword = "Demo-operator-pass-42";
    private static readonly TimeSpan StartTime = TimeSpan.FromSeconds(60);
    private readonly TempFolder folder = new();
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_production_start_on_an_empty_database_creates_no_demo_account_and_prints_no_password()
    {
        var console = new List<string>();
        using var app = ExchangeProcess.Start("Production", Common());

        await app.LineAsync(line => Listening().IsMatch(line), StartTime, console.Add);

        Assert.Empty(await UsersAsync());
        Assert.DoesNotContain(console, line => line.Contains("password", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_demo_deployment_gets_the_passwords_it_set_and_the_console_shows_neither()
    {
        var console = new List<string>();
        using var app = ExchangeProcess.Start("Production", [.. Common(), "--DemoAccounts:Enabled=true",
            $"--DemoAccounts:UserPassword={UserPassword}", $"--DemoAccounts:OperatorPassword={OperatorPassword}"]);

        await app.LineAsync(line => Listening().IsMatch(line), StartTime, console.Add);

        var users = await UsersAsync();
        Assert.Equal(["demo@exchange.local", "operator@exchange.local"], users.Select(u => u.Email));
        Assert.True(Verifies(users[0], UserPassword));
        Assert.True(Verifies(users[1], OperatorPassword));
        Assert.Contains(console, line => line.Contains("Demo accounts demo@exchange.local and operator@exchange.local created", StringComparison.Ordinal));
        Assert.DoesNotContain(console, line => line.Contains(UserPassword, StringComparison.Ordinal) || line.Contains(OperatorPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_accounts_asked_for_outside_Development_without_their_passwords_stop_the_start_naming_both_settings()
    {
        var run = await AppProcess.RunAsync(folder.Path, ["--environment=Production", .. Common(), "--DemoAccounts:Enabled=true"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("set DemoAccounts:UserPassword and DemoAccounts:OperatorPassword", run.Error);
        Assert.Empty(await UsersAsync());
    }

    private string[] Common() =>
    [
        "--Urls=http://127.0.0.1:0", $"--Database:ConnectionString=Data Source={Path.Combine(folder.Path, "exchange.db")}", "--Jobs:Enabled=false",
        "--HubEmulator:Enabled=true", "--HubEmulator:Url=http://127.0.0.1:0", $"--HubEmulator:DatabasePath={Path.Combine(folder.Path, "hub.db")}",
        "--DataProtection:AllowUnencryptedKeys=true", "--Email:Disabled=true", "--PublicUrl=http://127.0.0.1",
    ];

    private async Task<List<ExchangeUser>> UsersAsync()
    {
        var path = Path.Combine(folder.Path, "exchange.db");
        if (!File.Exists(path)) return [];
        await using var db = new SqliteExchangeDbContext(new DbContextOptionsBuilder<SqliteExchangeDbContext>().UseSqlite($"Data Source={path}").Options);
        return await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(Token);
    }

    private static bool Verifies(ExchangeUser user, string password) =>
        new PasswordHasher<ExchangeUser>().VerifyHashedPassword(user, user.PasswordHash!, password) != PasswordVerificationResult.Failed;

    // Outside Development the line is inside a JSON object.
    [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")]
    private static partial Regex Listening();
}
