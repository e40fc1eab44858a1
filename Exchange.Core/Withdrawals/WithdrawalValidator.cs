using Exchange.Core.AddressBook;
using Exchange.Core.Addresses;
using Exchange.Core.Amounts;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Hub.Iota;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Withdrawals;

/// <summary>A request that passed (or failed) every check, with the values to store.</summary>
public sealed record CheckedWithdrawal(Coin? Coin, long Amount, string? Address, IReadOnlyList<WithdrawalProblem> Problems);

/// <summary>
/// Every rule a withdrawal request must pass, each failure with its own message. The form calls it
/// as the user types; <see cref="WithdrawalCreation"/> calls it again inside its transaction.
/// </summary>
public sealed class WithdrawalValidator(IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue, IOptions<WithdrawalSecurityOptions> security, TimeProvider time,
    SavedAddressRule addressBook)
{
    public async Task<CheckedWithdrawal> ValidateAsync(WithdrawalRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await ValidateAsync(db, request, cancellationToken);
    }

    internal async Task<CheckedWithdrawal> ValidateAsync(ExchangeDbContext db, WithdrawalRequest request, CancellationToken cancellationToken)
    {
        var coin = (await catalogue.CurrentAsync(cancellationToken)).Find(request.Coin);
        if (coin is null)
            return Refused(null, WithdrawalField.Coin, CoinList.Unknown(request.Coin));
        if (!coin.WithdrawalsEnabled)
            return Refused(coin, WithdrawalField.Coin, $"{coin.Name} is shown for demonstration only and is not connected to any network: it cannot be withdrawn.");
        var account = await db.Users.Where(u => u.Id == request.UserId).Select(u => new { u.WithdrawalsLockedReason, u.SecurityChangedAt }).SingleOrDefaultAsync(cancellationToken);
        if (account?.WithdrawalsLockedReason is { } lockedBecause)
            return Refused(coin, WithdrawalField.Coin, $"Withdrawals are locked on your account: {lockedBecause} Please contact support.");
        if (HeldUntil(account?.SecurityChangedAt) is { } heldUntil)
            return Refused(coin, WithdrawalField.Coin, Held(heldUntil));

        var problems = new List<WithdrawalProblem>();
        var amount = await CheckAmountAsync(db, request, coin, problems, cancellationToken);
        var typed = request.AddressBookId is null ? await CheckAddressAsync(db, request.Address, coin, problems, cancellationToken) : null;
        var address = await addressBook.CheckAsync(db, request, coin, typed, problems, cancellationToken);
        return new CheckedWithdrawal(coin, amount, address, problems);
    }

    /// <summary>Until when (UTC) the user's withdrawals are held after a security change of their account; null when they are not.</summary>
    public async Task<DateTime?> HeldUntilAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return HeldUntil(await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityChangedAt).SingleOrDefaultAsync(cancellationToken));
    }

    public static string Held(DateTime until) =>
        $"Your withdrawals are held until {until:yyyy-MM-dd HH:mm} UTC after a security change to your account (password, two-factor authentication, email or a withdrawal API key). "
        + "If you did not make that change, contact support.";

    private DateTime? HeldUntil(DateTime? changedAt) =>
        changedAt is { } at && at + security.Value.HoldAfterSecurityChange is var until && until > time.GetUtcNow().UtcDateTime ? until : null;

    private async Task<long> CheckAmountAsync(ExchangeDbContext db, WithdrawalRequest request, Coin coin, List<WithdrawalProblem> problems, CancellationToken cancellationToken)
    {
        var parsed = AmountParser.Parse(request.Amount, coin);
        var problem = parsed.Message;
        if (parsed.IsValid)
            problem = await LimitProblemAsync(db, request.UserId, coin, parsed.BaseUnits, cancellationToken);
        if (problem is not null)
            problems.Add(new WithdrawalProblem(WithdrawalField.Amount, problem));
        return parsed.BaseUnits;
    }

    private async Task<string?> LimitProblemAsync(ExchangeDbContext db, string userId, Coin coin, long amount, CancellationToken cancellationToken)
    {
        if (amount < coin.WithdrawalMinimum)
            return $"The smallest withdrawal is {coin.Format(coin.WithdrawalMinimum)}.";

        var available = await db.Accounts.Where(a => a.UserId == userId && a.Coin == coin.Symbol).Select(a => a.Available).FirstOrDefaultAsync(cancellationToken);
        if (amount > available)
            return $"You have {coin.Format(available)} available.";

        var since = time.GetUtcNow().UtcDateTime.AddDays(-1);
        var usedToday = await db.Withdrawals
            .Where(w => w.UserId == userId && w.Coin == coin.Symbol && w.RequestedAt >= since
                        && w.State != WithdrawalState.Cancelled && w.State != WithdrawalState.Failed)
            .SumAsync(w => w.Amount, cancellationToken);
        if (usedToday + amount > coin.DailyWithdrawalLimit)
            return $"This is over your limit of {coin.Format(coin.DailyWithdrawalLimit)} in 24 hours; you can withdraw {coin.Format(Math.Max(0, coin.DailyWithdrawalLimit - usedToday))} more now.";
        return null;
    }

    internal static async Task<string?> CheckAddressAsync(ExchangeDbContext db, string? input, Coin coin, List<WithdrawalProblem> problems, CancellationToken cancellationToken)
    {
        if (coin.Symbol != CoinSymbols.Iota)
        {
            var bitcoinProblem = BitcoinAddressRules.Problem(input);
            if (bitcoinProblem is not null) problems.Add(new WithdrawalProblem(WithdrawalField.Address, bitcoinProblem));
            return input?.Trim();
        }

        var check = AddressRules.Check(input, requireChecksum: true);
        if (!check.IsValid)
        {
            problems.Add(new WithdrawalProblem(WithdrawalField.Address, check.Message));
            return null;
        }
        if (await db.DepositAddresses.AnyAsync(a => a.Address == check.Address90, cancellationToken))
            problems.Add(new WithdrawalProblem(WithdrawalField.Address, "This is one of this exchange's own deposit addresses; withdraw to an address of your own wallet."));
        return check.Address90;
    }

    private static CheckedWithdrawal Refused(Coin? coin, WithdrawalField field, string message) =>
        new(coin, 0, null, [new WithdrawalProblem(field, message)]);
}
