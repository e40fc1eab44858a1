using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Exchange.Web.Accounts;

public sealed record CreateAccountResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static CreateAccountResult Ok { get; } = new(true, []);
    public static CreateAccountResult Failed(params IEnumerable<string> errors) => new(false, errors.ToList());
}

/// <summary>Creates logins with or without the Operator role, with Identity's own validation.</summary>
public sealed class OperatorAccounts(UserManager<ExchangeUser> users, RoleManager<IdentityRole> roles)
{
    public async Task<CreateAccountResult> CreateAsync(string email, string password, bool isOperator)
    {
        if (await users.FindByEmailAsync(email) is not null)
            return CreateAccountResult.Failed($"A user with the email '{email}' already exists.");

        var user = new ExchangeUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            return CreateAccountResult.Failed(created.Errors.Select(e => e.Description));

        if (isOperator)
        {
            await EnsureRoleAsync(Roles.Operator);
            var added = await users.AddToRoleAsync(user, Roles.Operator);
            if (!added.Succeeded)
                return CreateAccountResult.Failed(added.Errors.Select(e => e.Description));
        }
        return CreateAccountResult.Ok;
    }

    private async Task EnsureRoleAsync(string role)
    {
        if (!await roles.RoleExistsAsync(role))
            await roles.CreateAsync(new IdentityRole(role));
    }
}
