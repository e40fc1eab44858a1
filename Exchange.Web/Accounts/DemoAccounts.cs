using System.Security.Cryptography;
using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Identity;
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

/// <summary>
/// Gives a fresh embedded install two accounts to try it with. Passwords are random and printed
/// once: the console is the only place they ever appear.
/// </summary>
public sealed class DemoAccounts(OperatorAccounts accounts, UserManager<ExchangeUser> users, IOptions<DemoAccountsOptions> options)
{
    public async Task EnsureAsync(TextWriter console)
    {
        var demo = options.Value;
        if (!demo.Enabled || users.Users.Any())
            return;

        var userPassword = NewPassword();
        var operatorPassword = NewPassword();
        await CreateOrThrowAsync(demo.UserEmail, userPassword, isOperator: false);
        await CreateOrThrowAsync(demo.OperatorEmail, operatorPassword, isOperator: true);

        await console.WriteLineAsync($"""

            Demo accounts created (shown only this once):
              user      {demo.UserEmail}  password {userPassword}
              operator  {demo.OperatorEmail}  password {operatorPassword}

            """);
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
