using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Exchange.Web.Security;

internal sealed class InterimTwoFactorVerifier(IServiceScopeFactory scopes) : ITwoFactorVerifier
{
    public async Task<bool> IsEnabledAsync(string userId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>();
        return await users.FindByIdAsync(userId) is { } user && await users.GetTwoFactorEnabledAsync(user);
    }

    public async Task<string?> ProblemAsync(string userId, string? code, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>();
        var user = await users.FindByIdAsync(userId);
        return user is not null && !string.IsNullOrWhiteSpace(code)
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code.Replace(" ", "", StringComparison.Ordinal))
            ? null : "The two-factor code is missing or not right.";
    }
}
