using System.Globalization;
using Exchange.Core.Accounts;
using Exchange.Core.Amounts;
using Exchange.Core.Approvals;
using Exchange.Core.Audit;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Coins;

/// <summary>A coin's price and rules as an operator typed them: amounts in the display unit.</summary>
public sealed record CoinRules(string? UsdPrice, string? WithdrawalMinimum, string? DailyWithdrawalLimit, string? ApprovalThreshold, string? FourEyesAbove);

/// <summary>A change of a coin's settings that waits for a second operator, as the Coins page shows it.</summary>
public sealed record PendingCoinChange(long RequestId, string Coin, string Summary);

/// <summary>
/// Operators edit prices and rules here; each change is checked, then audited with before and after.
/// A change that loosens any control waits on the Approvals page for a second operator (a lower price
/// is one: every limit in USD then lets more through); a change that only tightens applies at once.
/// </summary>
public sealed class CoinSettings(IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue, AuditLog audit, IExchangeEvents events, OperatorStepUp stepUp,
    TimeProvider time)
{
    private const string NothingChanged = "Nothing changed.";
    private const string MinimumAboveDaily = "The minimum withdrawal cannot be above the daily limit.";

    public async Task<IReadOnlyList<Coin>> AllAsync(CancellationToken cancellationToken = default) =>
        (await catalogue.CurrentAsync(cancellationToken)).All;

    public static CoinRules RulesOf(Coin coin) => new(
        Exact(coin.UsdPrice),
        Display(coin, coin.WithdrawalMinimum), Display(coin, coin.DailyWithdrawalLimit), Display(coin, coin.ApprovalThreshold), Display(coin, coin.FourEyesAbove));

    /// <summary>Oldest first.</summary>
    public async Task<IReadOnlyList<PendingCoinChange>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.OperatorRequests.AsNoTracking().Where(r => r.Kind == OperatorRequestKind.CoinSettings && r.State == OperatorRequestState.Pending)
            .OrderBy(r => r.Id).Select(r => new PendingCoinChange(r.Id, r.Coin!, r.Summary)).ToListAsync(cancellationToken);
    }

    public async Task<OperatorResult> UpdateAsync(OperatorCredentials by, string symbol, CoinRules rules, CancellationToken cancellationToken = default)
    {
        if ((await catalogue.CurrentAsync(cancellationToken)).Find(symbol) is not { } listed)
            return OperatorResult.Refused(CoinList.Unknown(symbol));
        var (proposed, problem) = Parse(listed, rules);
        if (proposed is null)
            return OperatorResult.Refused(problem!);
        await using var db = contexts.CreateDbContext();
        // Compared here so that no change spends no code; compared again under the coin's lock.
        if ((await db.Coins.AsNoTracking().SingleAsync(c => c.Symbol == listed.Symbol, cancellationToken)).Rules == proposed)
            return OperatorResult.Refused(NothingChanged);
        if (await stepUp.ProblemAsync(by, cancellationToken) is { } refusal)
            return OperatorResult.StepUpRefused(refusal);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var coin = await LockedAsync(db, listed.Symbol, cancellationToken);
        if (coin.Rules == proposed)
            return OperatorResult.Refused(NothingChanged);
        if (proposed.LoosensFrom(coin.Rules))
            return await AskSecondOperatorAsync(db, by.OperatorId, coin, proposed, cancellationToken);
        var before = Describe(coin);
        coin.Rules = proposed;
        await audit.AddAsync(db, new OperatorAction(by.OperatorId, "Coin settings changed", Subject(coin), before, Describe(coin)), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Changed();
        return OperatorResult.Done($"{coin.Name} saved.");
    }

    // One pending change per coin: a second would be judged against values the first may change.
    private async Task<OperatorResult> AskSecondOperatorAsync(ExchangeDbContext db, string operatorId, Coin coin, CoinRuleValues proposed, CancellationToken cancellationToken)
    {
        var waiting = await db.OperatorRequests.Where(r => r.Kind == OperatorRequestKind.CoinSettings && r.State == OperatorRequestState.Pending && r.Coin == coin.Symbol)
            .Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (waiting is { } id)
            return OperatorResult.Refused($"A change of {coin.Name} waits for a second operator already (request {id}); it must be approved or rejected first.");
        var summary = $"{coin.Name}: {string.Join(", ", proposed.ChangesFrom(coin.Rules, coin))}";
        var request = OperatorRequest.CoinSettingsChange(operatorId, coin.Symbol, coin.Rules, proposed, summary, time.GetUtcNow().UtcDateTime)
            .Waiting(OperatorRequests.WaitingFor(summary));
        db.OperatorRequests.Add(request);
        await audit.AddAsync(db, new OperatorAction(operatorId, "Coin settings change requested", Subject(coin), Describe(coin), $"pending: {Describe(coin, proposed)}"),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.CommitTransactionAsync(cancellationToken);
        events.Publish(new ApprovalsChanged(request.Id));
        return OperatorRequests.Answer(request);
    }

    /// <summary>
    /// A second operator's approval: decided once and applied in the same transaction, to the settings
    /// the request changes only (others changed meanwhile are kept). When one of those settings itself
    /// changed since the request was made, nothing is applied: the approver judged "before → after",
    /// and that before no longer holds.
    /// </summary>
    internal async Task<OperatorResult> ApplyApprovedAsync(OperatorRequest request, string approverId, string reason, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var coin = await LockedAsync(db, request.Coin!, cancellationToken);
        if (!await OperatorRequests.DecideAsync(db, request.Id, OperatorRequestState.Approved, approverId, reason, time.GetUtcNow().UtcDateTime, cancellationToken: cancellationToken))
            return OperatorResult.Refused(OperatorRequests.AlreadyDecided);
        var (before, asked) = (request.RulesBefore!, request.RulesAfter!);
        var changes = asked.ChangesFrom(before, coin);
        if (coin.Rules.ChangesFrom(before, coin).FirstOrDefault(m => changes.Any(c => c.Setting == m.Setting)) is { } moved)
            return OperatorResult.Refused($"The {moved.Setting} of {coin.Name} changed since this was asked ({moved.Before} then, {moved.After} now): " +
                "nothing was changed; reject this request and ask again from the current settings.");
        var applied = asked.OnTopOf(before, coin.Rules);
        if (applied.WithdrawalMinimum > applied.DailyWithdrawalLimit)
            return OperatorResult.Refused($"{MinimumAboveDaily} Nothing was changed; reject this request and ask again from the current settings.");
        var was = Describe(coin);
        coin.Rules = applied;
        await audit.AddAsync(db, new OperatorAction(approverId, "Coin settings change approved", Subject(coin), was, Describe(coin), reason), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Changed();
        events.Publish(new ApprovalsChanged(request.Id));
        return OperatorResult.Done($"{coin.Name} saved: {string.Join(", ", changes)}.");
    }

    // Taken first by every transaction that judges a change against the coin's settings: a row lock
    // (PostgreSQL, SQL Server) or the write lock (SQLite), so two changes never judge the same old values.
    private static async Task<Coin> LockedAsync(ExchangeDbContext db, string symbol, CancellationToken cancellationToken)
    {
        await db.Coins.Where(c => c.Symbol == symbol).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, c => c.Name), cancellationToken);
        return await db.Coins.SingleAsync(c => c.Symbol == symbol, cancellationToken);
    }

    private void Changed()
    {
        catalogue.Invalidate();
        events.Publish(new OperatorActed("Coin settings changed"));
    }

    private static (CoinRuleValues? Values, string? Problem) Parse(Coin coin, CoinRules rules)
    {
        if (!decimal.TryParse(rules.UsdPrice?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) || price <= 0 || decimal.Round(price, 8) != price)
            return (null, "The USD price must be a positive number like 0.27 (at most 8 decimals, '.' as the separator).");
        if (Amount(coin, "minimum withdrawal", rules.WithdrawalMinimum, out var minimum) is { } p1) return (null, p1);
        if (Amount(coin, "daily limit", rules.DailyWithdrawalLimit, out var daily) is { } p2) return (null, p2);
        if (Amount(coin, "approval threshold", rules.ApprovalThreshold, out var threshold) is { } p3) return (null, p3);
        if (Amount(coin, "four-eyes ceiling", rules.FourEyesAbove, out var fourEyes) is { } p4) return (null, p4);
        if (minimum > daily)
            return (null, MinimumAboveDaily);
        return (new CoinRuleValues(price, minimum, daily, threshold, fourEyes), null);
    }

    private static string? Amount(Coin coin, string name, string? text, out long baseUnits)
    {
        var parsed = AmountParser.Parse(text, coin);
        baseUnits = parsed.BaseUnits;
        return parsed.IsValid ? null : $"The {name}: {parsed.Message}";
    }

    private static string Display(Coin coin, long baseUnits) => coin.ToDisplayUnits(baseUnits).ToString("0." + new string('#', coin.Decimals), CultureInfo.InvariantCulture);

    // As typed, whatever scale the database returns (PostgreSQL keeps the column's eight decimals).
    private static string Exact(decimal price) => price.ToString("0.########", CultureInfo.InvariantCulture);

    private static string Subject(Coin coin) => $"coin {coin.Symbol}";

    private static string Describe(Coin coin) => Describe(coin, coin.Rules);

    private static string Describe(Coin coin, CoinRuleValues rules) =>
        $"price {Coin.FormatUsd(rules.UsdPrice)} ({Exact(rules.UsdPrice)}), minimum {coin.Format(rules.WithdrawalMinimum)}, " +
        $"daily limit {coin.Format(rules.DailyWithdrawalLimit)}, approval above {coin.Format(rules.ApprovalThreshold)}, four eyes above {coin.Format(rules.FourEyesAbove)}";
}
