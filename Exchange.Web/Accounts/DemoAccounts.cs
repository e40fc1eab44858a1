using System.Security.Cryptography;
using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Accounts;

/// <summary>Configuration section <c>DemoAccounts</c>.</summary>
public sealed class DemoAccountsOptions
{
    public const string Section = "DemoAccounts";

    /// <summary>Create a demo user and a demo operator when the database has no users at all.</summary>
    public bool Enabled { get; set; } = true;

    public string UserEmail { get; set; } = "demo@exchange.local";
    public string OperatorEmail { get; set; } = "operator@exchange.local";
}

public enum DemoAccountsOutcome
{
    Disabled,
    AlreadyThere,
    Created,
}

/// <summary>
/// Gives a fresh embedded install two accounts to try it with. Passwords are random and printed
/// once: the console is the only place they ever appear. Nodes starting at once on an empty
/// database create them once: both accounts go in one transaction, and the unique user name
/// index turns the loser's insert into a conflict.
/// </summary>
public sealed class DemoAccounts(OperatorAccounts accounts, UserManager<ExchangeUser> users, ExchangeDbContext db, IOptions<DemoAccountsOptions> options)
{
    public async Task<DemoAccountsOutcome> EnsureAsync(TextWriter console)
    {
        var demo = options.Value;
        if (!demo.Enabled)
            return DemoAccountsOutcome.Disabled;
        if (await users.Users.AnyAsync())
            return DemoAccountsOutcome.AlreadyThere;

        var userPassword = NewPassword();
        var operatorPassword = NewPassword();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await CreateOrThrowAsync(demo.UserEmail, userPassword, isOperator: false);
            await CreateOrThrowAsync(demo.OperatorEmail, operatorPassword, isOperator: true);
            await transaction.CommitAsync();
        }
        catch (DbUpdateException)
        {
            return DemoAccountsOutcome.AlreadyThere; // another node created them a moment ago
        }

        await console.WriteLineAsync($"""

            Demo accounts created (shown only this once):
              user      {demo.UserEmail}  password {userPassword}
              operator  {demo.OperatorEmail}  password {operatorPassword}

            """);
        return DemoAccountsOutcome.Created;
    }

    private async Task CreateOrThrowAsync(string email, string password, bool isOperator)
    {
        var result = await accounts.CreateAsync(email, password, isOperator);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create the demo account {email}: {string.Join(" ", result.Errors)}");
    }

    // Mixed case, digits and a symbol, so Identity's default password rules always accept it.
    private static string NewPassword() =>
        "Demo-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant() + "-X9";
}
