using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Infrastructure;

internal static class TwoFactorSteps
{
    /// <summary>A new authenticator key and 2FA on, through Identity as the set-up page does it.</summary>
    public static async Task<string> EnableAsync(IServiceProvider services, string email)
    {
        var users = services.GetRequiredService<UserManager<ExchangeUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }
}
