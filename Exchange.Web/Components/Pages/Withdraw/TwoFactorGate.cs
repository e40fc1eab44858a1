using Exchange.Core.Accounts;
using Exchange.Core.Amounts;
using Exchange.Core.Coins;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Components.Pages.Withdraw;

/// <summary>
/// The two-factor rule for withdrawals, the same for the form and the API: a user with 2FA on
/// gives a current code; above <see cref="WithdrawalSecurityOptions.TwoFactorRequiredAboveUsd"/>
/// every user must have 2FA on and give one.
/// </summary>
public sealed class TwoFactorGate(UserManager<ExchangeUser> users, ITwoFactorVerifier codes, CoinCatalogue catalogue, IOptions<WithdrawalSecurityOptions> security)
{
    public async Task<bool> IsOnAsync(string userId) =>
        await users.FindByIdAsync(userId) is { } user && await users.GetTwoFactorEnabledAsync(user);

    /// <summary>Null when the withdrawal may go ahead, else the reason in the user's words.</summary>
    public async Task<string?> ProblemAsync(string userId, string coinSymbol, string? amount, string? code)
    {
        var user = await users.FindByIdAsync(userId);
        var enabled = user is not null && await users.GetTwoFactorEnabledAsync(user);
        var coin = (await catalogue.CurrentAsync()).Find(coinSymbol);
        if (!enabled && security.Value.TwoFactorRequiredAboveUsd is { } limit && coin is not null
            && AmountParser.Parse(amount, coin) is { IsValid: true } parsed && coin.UsdValue(parsed.BaseUnits) > limit)
            return $"Withdrawals worth more than {Coin.FormatUsd(limit)} need two-factor authentication. Turn it on under Two-factor authentication in your account menu, then try again.";
        if (!enabled) return null;
        return await CodeProblemAsync(user!, code);
    }

    /// <summary>For an operator's send from the hot wallet: two-factor must be on, and the code right.</summary>
    public async Task<string?> OperatorProblemAsync(string operatorId, string? code)
    {
        var user = await users.FindByIdAsync(operatorId);
        if (user is null || !await users.GetTwoFactorEnabledAsync(user))
            return "Sending from the hot wallet needs two-factor authentication on your account. Turn it on under Two-factor authentication in your account menu.";
        return await CodeProblemAsync(user, code);
    }

    private Task<string?> CodeProblemAsync(ExchangeUser user, string? code) => codes.ProblemAsync(user.Id, code);
}
