using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Exchange.Web.Accounts.TwoFactor;

/// <summary>
/// Identity's authenticator provider with one addition: a code is accepted once. The time step it
/// matched is stored on the user, and a code of that step or an earlier one is refused, so a code
/// read over a shoulder or from a log cannot be played again.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<ExchangeUser>
{
    public const string Name = "SingleUseAuthenticator";

    // Identity's own provider accepts two steps either side of now, for clocks that drift.
    private static readonly VerificationWindow Window = new(previous: 2, future: 2);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ExchangeUser> manager, ExchangeUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    // Codes come from the user's app, never from the server.
    public Task<string> GenerateAsync(string purpose, UserManager<ExchangeUser> manager, ExchangeUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ExchangeUser> manager, ExchangeUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token.Length != 6 || !token.All(char.IsAsciiDigit))
            return false;
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, token, out var step, Window) || step <= (user.LastTwoFactorTimeStep ?? long.MinValue))
            return false;
        user.LastTwoFactorTimeStep = step;
        // Two requests with the same code race here: the concurrency stamp lets only one of them save.
        return (await manager.UpdateAsync(user)).Succeeded;
    }
}
