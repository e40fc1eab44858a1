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

    public const string PasswordsRequired =
        "DemoAccounts:Enabled is on outside Development, where a demo password is never printed (the console feeds the logs): " +
        "set DemoAccounts:UserPassword and DemoAccounts:OperatorPassword, or leave DemoAccounts:Enabled off.";

    /// <summary>Create a demo user and a demo operator when the database has no users at all; unset, only in Development.</summary>
    public bool? Enabled { get; set; }

    public string UserEmail { get; set; } = "demo@exchange.local";
    public string OperatorEmail { get; set; } = "operator@exchange.local";

    /// <summary>The demo accounts' passwords; unset, random ones (Development only, where they are printed once).</summary>
    public string? UserPassword { get; set; }

    public string? OperatorPassword { get; set; }

    public bool IsOnIn(IHostEnvironment environment) => Enabled ?? environment.IsDevelopment();

    internal bool HasPasswords => !string.IsNullOrEmpty(UserPassword) && !string.IsNullOrEmpty(OperatorPassword);

    internal bool IsValidIn(IHostEnvironment environment) => !IsOnIn(environment) || HasPasswords || environment.IsDevelopment();
}

public enum DemoAccountsOutcome
{
    Disabled,
    AlreadyThere,
    Created,
}

/// <summary>
/// Gives a fresh install two accounts to try it with. In Development their passwords are random
/// and printed once, straight to the console (never through the logger). Elsewhere the logs go to
/// collectors, so a password is never printed: a demo deployment chooses both in its settings.
/// Nodes starting at once on an empty database create them once: both accounts go in one
/// transaction, and a node that finds them taken (Identity's check, or the unique user name index)
/// leaves them to the node that won.
/// </summary>
public sealed class DemoAccounts(OperatorAccounts accounts, UserManager<ExchangeUser> users, ExchangeDbContext db, IOptions<DemoAccountsOptions> options,
    IHostEnvironment environment, ILogger<DemoAccounts> logger)
{
    public async Task<DemoAccountsOutcome> EnsureAsync(TextWriter console)
    {
        var demo = options.Value;
        if (!demo.IsOnIn(environment))
            return DemoAccountsOutcome.Disabled;
        if (await users.Users.AnyAsync())
            return DemoAccountsOutcome.AlreadyThere;

        var userPassword = demo.HasPasswords ? demo.UserPassword! : NewPassword();
        var operatorPassword = demo.HasPasswords ? demo.OperatorPassword! : NewPassword();
        if (!await TryCreateBothAsync(demo, userPassword, operatorPassword))
            return DemoAccountsOutcome.AlreadyThere; // another node created them a moment ago

        if (demo.HasPasswords)
        {
            logger.LogInformation("Demo accounts {User} and {Operator} created, with the passwords DemoAccounts:UserPassword and DemoAccounts:OperatorPassword set.",
                demo.UserEmail, demo.OperatorEmail);
            return DemoAccountsOutcome.Created;
        }
        await console.WriteLineAsync($"""

            Demo accounts created (shown only this once):
              user      {demo.UserEmail}  password {userPassword}
              operator  {demo.OperatorEmail}  password {operatorPassword}

            """);
        return DemoAccountsOutcome.Created;
    }

    // False when another node won: its accounts appear between our check and our insert (Identity's
    // validator then says the name is taken) or during it (the unique index refuses ours).
    private async Task<bool> TryCreateBothAsync(DemoAccountsOptions demo, string userPassword, string operatorPassword)
    {
        CreateAccountResult result;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            try
            {
                result = await accounts.CreateAsync(demo.UserEmail, userPassword, isOperator: false);
                if (result.Succeeded)
                    result = await accounts.CreateAsync(demo.OperatorEmail, operatorPassword, isOperator: true);
                if (result.Succeeded)
                {
                    await transaction.CommitAsync();
                    return true;
                }
            }
            catch (DbUpdateException e)
            {
                result = CreateAccountResult.Failed(e.InnerException?.Message ?? e.Message);
            }
        }
        db.ChangeTracker.Clear();
        if (await users.Users.AnyAsync())
            return false;
        throw new InvalidOperationException($"Could not create the demo accounts: {string.Join(" ", result.Errors)}");
    }

    // Mixed case, digits and a symbol, so Identity's default password rules always accept it.
    private static string NewPassword() =>
        "Demo-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant() + "-X9";
}
