using Exchange.Core.Accounts;
using Exchange.Core.Amounts;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Withdrawals;

/// <summary>
/// The two-factor rule for withdrawals, applied by <see cref="UserWithdrawalCommands.RequestAsync"/>
/// whoever calls it: a user with 2FA on always gives a current code; when the user's withdrawals of
/// the last 24 hours, this one included, are worth more than
/// <see cref="WithdrawalSecurityOptions.TwoFactorRequiredAboveUsd"/> at the prices in the Coins
/// table, the user must have 2FA on (so splitting a withdrawal does not avoid it).
/// </summary>
public sealed class WithdrawalTwoFactorRule(IDbContextFactory<ExchangeDbContext> contexts, ITwoFactorVerifier codes, IOptions<WithdrawalSecurityOptions> security, TimeProvider time)
{
    public Task<bool> IsOnAsync(string userId, CancellationToken cancellationToken = default) => codes.IsEnabledAsync(userId, cancellationToken);

    /// <summary>
    /// For a form before it asks "are you sure": what the rule would refuse, taking a typed code as
    /// given (it is checked, and spent, only by the request itself).
    /// </summary>
    public async Task<WithdrawalProblem?> PreviewAsync(WithdrawalRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var coin = new CoinList(await db.Coins.AsNoTracking().ToListAsync(cancellationToken)).Find(request.Coin);
        if (coin is null || AmountParser.Parse(request.Amount, coin) is not { IsValid: true } parsed) return null;
        return await ProblemAsync(db, request.UserId, coin.Symbol, parsed.BaseUnits, codeChecked: !string.IsNullOrWhiteSpace(request.TwoFactorCode), cancellationToken);
    }

    /// <summary>
    /// The code, checked before the request's transaction: the check writes the user's row (a code
    /// is spent once), which SQLite's write lock, held by that transaction, would keep waiting.
    /// </summary>
    internal async Task<WithdrawalProblem?> CodeProblemAsync(string userId, string? code, CancellationToken cancellationToken) =>
        await codes.ProblemAsync(userId, code, cancellationToken) is { } problem ? new WithdrawalProblem(WithdrawalField.TwoFactorCode, problem) : null;

    /// <summary>The rule inside the request's transaction, under the user's lock; <paramref name="codeChecked"/>: a right code was given.</summary>
    internal async Task<WithdrawalProblem?> ProblemAsync(ExchangeDbContext db, string userId, string coin, long amount, bool codeChecked, CancellationToken cancellationToken)
    {
        var enabled = await db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleOrDefaultAsync(cancellationToken);
        if (enabled)
            return codeChecked ? null : new WithdrawalProblem(WithdrawalField.TwoFactorCode, "Enter the current code from your authenticator app.");
        if (security.Value.TwoFactorRequiredAboveUsd is not { } limit) return null;
        var total = await DayTotalUsdAsync(db, userId, coin, amount, cancellationToken);
        return total <= limit ? null : new WithdrawalProblem(WithdrawalField.TwoFactorCode,
            $"Withdrawals worth more than {Coin.FormatUsd(limit)} in 24 hours need two-factor authentication (with this one yours come to {Coin.FormatUsd(total)}). "
            + "Turn it on under Two-factor authentication in your account menu, then try again.");
    }

    // Every coin's withdrawals of the last 24 hours that still count (not cancelled, not failed), at today's prices.
    private async Task<decimal> DayTotalUsdAsync(ExchangeDbContext db, string userId, string coin, long amount, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().UtcDateTime.AddDays(-1);
        var byCoin = await db.Withdrawals
            .Where(w => w.UserId == userId && w.RequestedAt >= since && w.State != WithdrawalState.Cancelled && w.State != WithdrawalState.Failed)
            .GroupBy(w => w.Coin).Select(g => new { Coin = g.Key, Amount = g.Sum(w => w.Amount) })
            .ToDictionaryAsync(g => g.Coin, g => g.Amount, cancellationToken);
        byCoin[coin] = byCoin.GetValueOrDefault(coin) + amount;
        var prices = new CoinList(await db.Coins.AsNoTracking().ToListAsync(cancellationToken));
        return byCoin.Sum(c => prices.BySymbol(c.Key).UsdValue(c.Value));
    }
}
