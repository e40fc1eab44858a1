using System.Globalization;
using Exchange.Core.Accounts;
using Exchange.Core.Amounts;
using Exchange.Core.Audit;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Coins;

/// <summary>A coin's price and withdrawal rules as an operator typed them: amounts in the display unit.</summary>
public sealed record CoinRules(string? UsdPrice, string? WithdrawalMinimum, string? DailyWithdrawalLimit, string? ApprovalThreshold);

/// <summary>Operators edit prices and withdrawal rules here; each change is checked, then audited with before and after.</summary>
public sealed class CoinSettings(IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue, AuditLog audit, IExchangeEvents events, OperatorStepUp stepUp)
{
    public async Task<IReadOnlyList<Coin>> AllAsync(CancellationToken cancellationToken = default) =>
        (await catalogue.CurrentAsync(cancellationToken)).All;

    public static CoinRules RulesOf(Coin coin) => new(
        coin.UsdPrice.ToString(CultureInfo.InvariantCulture),
        Display(coin, coin.WithdrawalMinimum), Display(coin, coin.DailyWithdrawalLimit), Display(coin, coin.ApprovalThreshold));

    public async Task<OperatorResult> UpdateAsync(OperatorCredentials by, string symbol, CoinRules rules, CancellationToken cancellationToken = default)
    {
        if ((await catalogue.CurrentAsync(cancellationToken)).Find(symbol) is not { } listed)
            return OperatorResult.Refused(CoinList.Unknown(symbol));
        await using var db = contexts.CreateDbContext();
        var coin = await db.Coins.SingleAsync(c => c.Symbol == listed.Symbol, cancellationToken);
        if (!decimal.TryParse(rules.UsdPrice?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) || price <= 0 || decimal.Round(price, 8) != price)
            return OperatorResult.Refused("The USD price must be a positive number like 0.27 (at most 8 decimals, '.' as the separator).");
        if (Amount(coin, "minimum withdrawal", rules.WithdrawalMinimum, out var minimum) is { } p1) return OperatorResult.Refused(p1);
        if (Amount(coin, "daily limit", rules.DailyWithdrawalLimit, out var daily) is { } p2) return OperatorResult.Refused(p2);
        if (Amount(coin, "approval threshold", rules.ApprovalThreshold, out var threshold) is { } p3) return OperatorResult.Refused(p3);
        if (minimum > daily)
            return OperatorResult.Refused("The minimum withdrawal cannot be above the daily limit.");

        var before = Describe(coin);
        (coin.UsdPrice, coin.WithdrawalMinimum, coin.DailyWithdrawalLimit, coin.ApprovalThreshold) = (price, minimum, daily, threshold);
        var after = Describe(coin);
        if (before == after)
            return OperatorResult.Refused("Nothing changed.");
        if (await stepUp.ProblemAsync(by, cancellationToken) is { } problem)
            return OperatorResult.StepUpRefused(problem);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.AddAsync(db, new OperatorAction(by.OperatorId, "Coin settings changed", $"coin {coin.Symbol}", before, after), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        catalogue.Invalidate();
        events.Publish(new OperatorActed("Coin settings changed"));
        return OperatorResult.Done($"{coin.Name} saved.");
    }

    private static string? Amount(Coin coin, string name, string? text, out long baseUnits)
    {
        var parsed = AmountParser.Parse(text, coin);
        baseUnits = parsed.BaseUnits;
        return parsed.IsValid ? null : $"The {name}: {parsed.Message}";
    }

    private static string Display(Coin coin, long baseUnits) => coin.ToDisplayUnits(baseUnits).ToString("0." + new string('#', coin.Decimals), CultureInfo.InvariantCulture);

    private static string Describe(Coin coin) =>
        $"price {Coin.FormatUsd(coin.UsdPrice)} ({coin.UsdPrice.ToString(CultureInfo.InvariantCulture)}), minimum {coin.Format(coin.WithdrawalMinimum)}, " +
        $"daily limit {coin.Format(coin.DailyWithdrawalLimit)}, approval above {coin.Format(coin.ApprovalThreshold)}";
}
