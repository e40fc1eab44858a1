using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Deposits;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Exchange.Web.Components.Shared;
using Exchange.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Web.Api;

/// <summary>
/// <c>/api/v1</c>: the user operations of the pages as JSON, over the same Core rules, signed in by
/// the login cookie or a personal API key; errors are problem details.
/// </summary>
public static class ApiEndpoints
{
    public const string Policy = "Api";

    public sealed record BalanceView(string Coin, long Available, long Reserved, string AvailableDisplay, decimal UsdValue);
    public sealed record AddressView(string Address, DateTime IssuedAt, IReadOnlyList<DepositView> Deposits);
    public sealed record DepositView(long Id, long Amount, string State, string? SweepBundleHash);
    public sealed record WithdrawalView(long Id, string Coin, long Amount, string Address, string State, string? HubUuid, string? SweepBundleHash, string? Reason, DateTime RequestedAt);
    /// <summary>
    /// A withdrawal to <c>Address</c>, or to the saved address <c>AddressBookId</c>; <c>TwoFactorCode</c> is needed when the
    /// user has 2FA on (or above the configured value).
    /// </summary>
    public sealed record WithdrawalInput(string Coin, string Amount, string? Address, string? TwoFactorCode = null, long? AddressBookId = null);
    public sealed record EntryView(long Id, DateTime CreatedAt, string Kind, string Coin, long AvailableChange, long ReservedChange, long AvailableAfter, string? Reference, string? Reason);
    public sealed record HistoryView(IReadOnlyList<EntryView> Entries, long? OlderThan);

    public static IEndpointRouteBuilder MapExchangeApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization(Policy).RequireAntiforgeryForCookieWrites()
            .RequireRateLimiting(RateLimits.ApiWrites).WithTags("Exchange");
        api.MapAntiforgeryToken();
        var read = api.MapGroup("").RequireAuthorization(ScopePolicies.For(ApiKeyScopes.Read));
        read.MapGet("/balances", BalancesAsync);
        read.MapGet("/deposit-address", LatestAddressAsync);
        read.MapGet("/withdrawals", WithdrawalsAsync);
        read.MapGet("/withdrawals/{id:long}", WithdrawalAsync);
        read.MapGet("/history", HistoryAsync);
        // A new deposit address moves no money, but it is a write to Hub that a read-only key
        // (e.g. one in a reporting tool) has no business making: it goes with withdraw.
        var withdraw = api.MapGroup("").RequireAuthorization(ScopePolicies.For(ApiKeyScopes.Withdraw));
        withdraw.MapPost("/deposit-address", NewAddressAsync);
        withdraw.MapPost("/withdrawals", RequestWithdrawalAsync);
        withdraw.MapPost("/withdrawals/{id:long}/cancel", CancelAsync);
        AddressBookEndpoints.MapAddressBook(read, withdraw);
        return endpoints;
    }

    private static async Task<Ok<List<BalanceView>>> BalancesAsync(HttpContext context, BalanceQueries balances) =>
        TypedResults.Ok((await balances.ForUserAsync(User(context))).Select(b =>
            new BalanceView(b.Coin.Symbol, b.Available, b.Reserved, b.Coin.Format(b.Available), b.UsdValue)).ToList());

    private static async Task<Results<Ok<AddressView>, NotFound>> LatestAddressAsync(HttpContext context, DepositAddressService addresses)
    {
        var (address, deposits) = await addresses.LatestAsync(User(context));
        return address is null ? TypedResults.NotFound() : TypedResults.Ok(View(address, deposits));
    }

    private static async Task<Results<Created<AddressView>, ProblemHttpResult>> NewAddressAsync(HttpContext context, DepositAddressService addresses, RateLimitGate limits)
    {
        if (limits.NewDepositAddress(User(context)) is { } wait)
        {
            RateLimitRefusal.SetRetryAfter(context.Response, wait);
            return TypedResults.Problem(RateLimitRefusal.NewAddressSentence(wait), statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
        }
        var result = await addresses.RequestAsync(User(context));
        return result.Succeeded
            ? TypedResults.Created("/api/v1/deposit-address", View(result.Address!, []))
            : TypedResults.Problem(result.Problem, statusCode: StatusCodes.Status503ServiceUnavailable, title: "No address was issued");
    }

    private static async Task<Ok<List<WithdrawalView>>> WithdrawalsAsync(HttpContext context, WithdrawalQueries withdrawals) =>
        TypedResults.Ok((await withdrawals.ForUserAsync(User(context), 100)).Select(View).ToList());

    private static async Task<Results<Ok<WithdrawalView>, NotFound>> WithdrawalAsync(long id, HttpContext context, WithdrawalQueries withdrawals)
    {
        var withdrawal = await withdrawals.FindForUserAsync(User(context), id);
        return withdrawal is null ? TypedResults.NotFound() : TypedResults.Ok(View(withdrawal));
    }

    // The same Idempotency-Key again answers 201 with the withdrawal it created, creating nothing.
    private static async Task<Results<Created<WithdrawalView>, ValidationProblem, ProblemHttpResult>> RequestWithdrawalAsync(
        WithdrawalInput input, HttpContext context, UserWithdrawalCommands withdrawals, [Microsoft.AspNetCore.Mvc.FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        var result = await withdrawals.RequestAsync(new WithdrawalRequest(User(context), input.Coin, input.Amount, input.Address, input.TwoFactorCode, idempotencyKey, input.AddressBookId));
        if (result.Problems.FirstOrDefault(p => p.Field == WithdrawalField.TwoFactorCode) is { } refusal)
            return TypedResults.Problem(refusal.Message, statusCode: StatusCodes.Status403Forbidden, title: "Two-factor code needed");
        if (!result.Succeeded)
            return TypedResults.ValidationProblem(result.Problems.GroupBy(p => p.Field.ToString().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        return TypedResults.Created($"/api/v1/withdrawals/{result.Withdrawal!.Id}", View(result.Withdrawal));
    }

    private static async Task<Results<Ok<WithdrawalView>, NotFound, ProblemHttpResult>> CancelAsync(long id, HttpContext context, WithdrawalCancellation cancellation)
    {
        var result = await cancellation.CancelAsync(id, User(context));
        if (result.IsNotFound) return TypedResults.NotFound();
        return result.Succeeded
            ? TypedResults.Ok(View(result.Withdrawal!))
            : TypedResults.Problem(result.Problems[0].Message, statusCode: StatusCodes.Status409Conflict, title: "The withdrawal was not cancelled");
    }

    private static async Task<Results<Ok<HistoryView>, ProblemHttpResult>> HistoryAsync(HttpContext context, LedgerHistory history, CoinCatalogue catalogue, string? coin, string? kind, long? olderThan)
    {
        LedgerEntryKind? parsed = null;
        if (!string.IsNullOrEmpty(kind))
        {
            if (!Enum.TryParse<LedgerEntryKind>(kind, out var k))
                return TypedResults.Problem($"Unknown kind '{kind}'. Kinds: {string.Join(", ", Enum.GetNames<LedgerEntryKind>())}.", statusCode: StatusCodes.Status400BadRequest);
            parsed = k;
        }
        if (!string.IsNullOrEmpty(coin) && (await catalogue.CurrentAsync()).Find(coin) is null)
            return TypedResults.Problem(CoinList.Unknown(coin), statusCode: StatusCodes.Status400BadRequest);
        var page = await history.PageAsync(User(context), new HistoryFilter(coin, parsed), olderThan);
        return TypedResults.Ok(new HistoryView(page.Entries.Select(e => new EntryView(e.Id, e.CreatedAt, e.Kind.ToString(), e.Coin,
            e.AvailableChange, e.ReservedChange, e.AvailableAfter, e.Reference, e.Reason)).ToList(), page.OlderThan));
    }

    internal static string User(HttpContext context) => UserIds.Of(context.User);

    private static AddressView View(DepositAddress a, IReadOnlyList<Deposit> deposits) =>
        new(a.Address, a.IssuedAt, deposits.Select(d => new DepositView(d.Id, d.Amount, d.State.ToString(), d.SweepBundleHash)).ToList());

    internal static WithdrawalView View(Withdrawal w) =>
        // UTC, also when read back from a database that does not keep the kind (a repeated request answers as the first).
        new(w.Id, w.Coin, w.Amount, w.Address, w.State.ToString(), w.HubUuid, w.SweepBundleHash, w.Reason, DateTime.SpecifyKind(w.RequestedAt, DateTimeKind.Utc));
}
