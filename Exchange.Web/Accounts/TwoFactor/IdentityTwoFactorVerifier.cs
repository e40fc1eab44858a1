using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Exchange.Web.Accounts.TwoFactor;

/// <summary>
/// Core's code check over Identity: single-use codes, and wrong ones count toward the same lockout
/// as wrong passwords. A singleton like the Core services that ask it; each check has a scope of its own.
/// </summary>
public sealed class IdentityTwoFactorVerifier(IServiceScopeFactory scopes) : ITwoFactorVerifier
{
    public async Task<bool> IsEnabledAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>();
        return await users.FindByIdAsync(userId) is { } user && await users.GetTwoFactorEnabledAsync(user);
    }

    public async Task<string?> ProblemAsync(string userId, string? code, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await new Check(scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>()).ProblemAsync(userId, code);
    }

    private sealed class Check(UserManager<ExchangeUser> users)
    {
        public async Task<string?> ProblemAsync(string userId, string? code)
        {
            var user = await users.FindByIdAsync(userId);
            if (user is null || !await users.GetTwoFactorEnabledAsync(user))
                return "Two-factor authentication is not on for your account. Turn it on under Two-factor authentication in your account menu.";
            if (await LockedUntilAsync(user) is { } lockedUntil)
                return LockedOut(lockedUntil);
            var token = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (token.Length == 0)
                return "Enter the current code from your authenticator app.";
            if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, token))
            {
                await users.ResetAccessFailedCountAsync(user);
                return null;
            }
            await users.AccessFailedAsync(user);
            return await LockedUntilAsync(user) is { } now
                ? LockedOut(now)
                : "The two-factor code is not right, or it was already used. Enter the current code from your authenticator app.";
        }

        private async Task<DateTimeOffset?> LockedUntilAsync(ExchangeUser user) =>
            await users.IsLockedOutAsync(user) ? await users.GetLockoutEndDateAsync(user) : null;
    }

    private static string LockedOut(DateTimeOffset until) =>
        $"Too many wrong codes or passwords: your account is locked until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC.";
}
