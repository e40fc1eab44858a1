using Exchange.Core.Approvals;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Accounts;

/// <summary>The coins as the four-eyes rule values them: each at the highest price it had in the last 24 hours.</summary>
internal sealed record AdjustmentValuation(CoinList Coins, IReadOnlyDictionary<string, decimal> Prices)
{
    public decimal Usd(string coin, long amount) => Coins.BySymbol(coin).ToDisplayUnits(Math.Abs(amount)) * Prices[coin];
}

/// <summary>
/// When a manual adjustment waits for a second operator. Adjustments count together over 24 hours
/// (those one operator asked for, and those one user received, applied or waiting, the new one
/// included), so splitting one does not avoid it. They are valued at the highest price the coin had
/// in that time, so a price lowered meanwhile, by whoever, makes none of them cheaper; and each coin's
/// <see cref="Coin.FourEyesAbove"/> caps them in base units, whatever the price.
/// </summary>
public sealed class AdjustmentFourEyes(IOptions<OperatorOptions> options, TimeProvider time)
{
    private sealed record Counted(string RequestedBy, string UserId, string Coin, long Amount);

    private DateTime Since => time.GetUtcNow().UtcDateTime - TimeSpan.FromDays(1);

    /// <summary>The coins as <paramref name="db"/> holds them, priced for the rule.</summary>
    internal async Task<AdjustmentValuation> ValuationAsync(ExchangeDbContext db, CancellationToken cancellationToken)
    {
        var since = Since;
        var coins = new CoinList(await db.Coins.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(cancellationToken));
        // A lower price is applied only by an approved change, which keeps the price it replaced.
        var replaced = await db.OperatorRequests.AsNoTracking()
            .Where(r => r.Kind == OperatorRequestKind.CoinSettings && r.State == OperatorRequestState.Approved && r.DecidedAt >= since)
            .Select(r => new { r.Coin, r.RulesBefore }).ToListAsync(cancellationToken);
        return new AdjustmentValuation(coins, coins.All.ToDictionary(c => c.Symbol, c => replaced
            .Where(r => r.Coin == c.Symbol && r.RulesBefore is not null).Select(r => r.RulesBefore!.UsdPrice).Append(c.UsdPrice).Max()));
    }

    /// <summary>
    /// Null when <paramref name="adjustment"/> may apply at once; else why a second operator must see it.
    /// The caller holds the requester's and the user's request locks, so concurrent adjustments count each other.
    /// </summary>
    internal async Task<string?> WhyWaitAsync(ExchangeDbContext db, OperatorRequest adjustment, AdjustmentValuation valuation, CancellationToken cancellationToken)
    {
        var (since, requester, user) = (Since, adjustment.RequestedBy, adjustment.UserId!);
        var counted = await db.OperatorRequests.AsNoTracking()
            .Where(r => r.Kind == OperatorRequestKind.ManualAdjustment && r.State != OperatorRequestState.Rejected
                        && (r.RequestedAt >= since || r.DecidedAt >= since) && (r.RequestedBy == requester || r.UserId == user))
            .Select(r => new Counted(r.RequestedBy, r.UserId!, r.Coin!, r.Amount)).ToListAsync(cancellationToken);
        counted.Add(new Counted(requester, user, adjustment.Coin!, adjustment.Amount));
        var coin = valuation.Coins.BySymbol(adjustment.Coin!);
        return Why("the adjustments you asked for", counted.Where(c => c.RequestedBy == requester), coin, valuation)
            ?? Why("this user's adjustments", counted.Where(c => c.UserId == user), coin, valuation);
    }

    private string? Why(string whose, IEnumerable<Counted> adjustments, Coin coin, AdjustmentValuation valuation)
    {
        var counted = adjustments.ToList();
        var limit = options.Value.FourEyesAboveUsd;
        var usd = counted.Sum(c => valuation.Usd(c.Coin, c.Amount));
        if (usd > limit)
            return $"With it, {whose} in 24 hours come to {Coin.FormatUsd(usd)}, above {Coin.FormatUsd(limit)}.";
        // Summed as decimals: a long could wrap around and pass the ceiling.
        var units = counted.Where(c => c.Coin == coin.Symbol).Sum(c => (decimal)Math.Abs(c.Amount));
        return units > coin.FourEyesAbove
            ? $"With it, {whose} in 24 hours come to {coin.Format((long)Math.Min(units, long.MaxValue))}, above the {coin.Format(coin.FourEyesAbove)} {coin.Name} allows without four eyes."
            : null;
    }
}
