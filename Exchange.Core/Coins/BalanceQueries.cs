using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Coins;

/// <summary>One row of a user's balance sheet.</summary>
public sealed record CoinBalance(Coin Coin, long Available, long Reserved)
{
    public long Total => Available + Reserved;
    public decimal UsdValue => Coin.UsdValue(Total);
}

public sealed class BalanceQueries(IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue)
{
    /// <summary>Every listed coin with the user's balance in it; coins the user never held show 0.</summary>
    public async Task<IReadOnlyList<CoinBalance>> ForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        var coins = (await catalogue.CurrentAsync(cancellationToken)).All;
        await using var db = contexts.CreateDbContext();
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.UserId == userId).ToDictionaryAsync(a => a.Coin, cancellationToken);
        return coins
            .Select(coin => accounts.TryGetValue(coin.Symbol, out var a) ? new CoinBalance(coin, a.Available, a.Reserved) : new CoinBalance(coin, 0, 0))
            .ToList();
    }
}
