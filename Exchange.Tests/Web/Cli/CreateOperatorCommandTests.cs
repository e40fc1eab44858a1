using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Web.Cli;

/// <summary>Runs the real <c>Exchange.Web create-operator</c> process against a fresh SQLite file.</summary>
[Integration]
public class CreateOperatorCommandTests : IDisposable
{
    private readonly TempFolder folder = new();
    private string DatabasePath => Path.Combine(folder.Path, "exchange.db");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Creates_a_user_in_the_operator_role()
    {
        var run = await RunAsync("--email", "ops@example.com", "--password", "Str0ng-pass!");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Operator ops@example.com created.", run.Output);
        Assert.Equal(["ops@example.com"], await OperatorEmailsAsync());
    }

    [Fact]
    public async Task Refuses_an_email_that_already_has_an_account()
    {
        await RunAsync("--email", "ops@example.com", "--password", "Str0ng-pass!");

        var again = await RunAsync("--email", "ops@example.com", "--password", "An0ther-pass!");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("A user with the email 'ops@example.com' already exists.", again.Error);
        Assert.Single(await OperatorEmailsAsync());
    }

    [Fact]
    public async Task Refuses_a_weak_password_with_the_rules_it_breaks()
    {
        var run = await RunAsync("--email", "ops@example.com", "--password", "short");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Passwords must be at least 8 characters.", run.Error);
        Assert.Empty(await OperatorEmailsAsync());
    }

    [Theory]
    [InlineData("--email", "ops@example.com")]
    [InlineData("--password", "Str0ng-pass!")]
    [InlineData("--email", "--password")]
    public async Task Refuses_missing_arguments_and_says_what_it_needs(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("create-operator needs both --email and --password", run.Error);
    }

    private Task<AppProcess.Run> RunAsync(params string[] args) => AppProcess.RunAsync(folder.Path,
        ["create-operator", .. args, $"--Database:ConnectionString=Data Source={DatabasePath}", "--DemoAccounts:Enabled=false", "--Hub:Url=http://127.0.0.1:9"]);

    private async Task<List<string>> OperatorEmailsAsync()
    {
        var options = new DbContextOptionsBuilder<SqliteExchangeDbContext>().UseSqlite($"Data Source={DatabasePath}").Options;
        await using var db = new SqliteExchangeDbContext(options);
        return await (
            from userRole in db.UserRoles
            join role in db.Roles on userRole.RoleId equals role.Id
            join user in db.Users on userRole.UserId equals user.Id
            where role.Name == Roles.Operator
            select user.Email!).ToListAsync(TestContext.Current.CancellationToken);
    }
}
