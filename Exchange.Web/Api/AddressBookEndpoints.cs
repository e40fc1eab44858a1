using Exchange.Core.AddressBook;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Web.Api;

/// <summary>
/// <c>/api/v1/address-book</c>: the saved withdrawal addresses over the same Core rules as the page.
/// Listing needs <c>read</c>; adding (with the two-factor code when two-factor is on) and removing need <c>withdraw</c>.
/// A new entry is confirmed only by the link mailed to its owner.
/// </summary>
public static class AddressBookEndpoints
{
    public sealed record EntryView(long Id, string Coin, string Address, string Label, string Status, DateTime CreatedAt, DateTime? ConfirmedAt, DateTime? ActiveFrom);

    /// <summary>The book; <c>OnlySavedAddressesUntil</c> is set while turning the mode off waits for its delay.</summary>
    public sealed record BookView(bool OnlySavedAddresses, DateTime? OnlySavedAddressesUntil, IReadOnlyList<EntryView> Entries);

    public sealed record EntryInput(string? Coin, string? Address, string? Label, string? TwoFactorCode = null);

    public static void MapAddressBook(RouteGroupBuilder read, RouteGroupBuilder withdraw)
    {
        read.MapGet("/address-book", ListAsync);
        withdraw.MapPost("/address-book", AddAsync);
        withdraw.MapDelete("/address-book/{id:long}", RemoveAsync);
    }

    private static async Task<Ok<BookView>> ListAsync(HttpContext context, WithdrawalAddressBook book, SavedAddressesMode mode, TimeProvider time)
    {
        var user = ApiEndpoints.User(context);
        var state = await mode.StateAsync(user);
        var now = time.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(new BookView(state.On, Utc(state.OffFrom), [.. (await book.OfAsync(user)).Select(e => View(e, now))]));
    }

    private static async Task<Results<Created<EntryView>, ValidationProblem, ProblemHttpResult>> AddAsync(EntryInput input, HttpContext context, WithdrawalAddressBook book, TimeProvider time)
    {
        var result = await book.AddAsync(new AddressBookAddition(ApiEndpoints.User(context), input.Coin, input.Address, input.Label, input.TwoFactorCode));
        if (result.Problems.FirstOrDefault(p => p.Field == AddressBookField.TwoFactorCode) is { } refusal)
            return TypedResults.Problem(refusal.Message, statusCode: StatusCodes.Status403Forbidden, title: "Two-factor code needed");
        if (!result.Succeeded)
            return TypedResults.ValidationProblem(result.Problems.GroupBy(p => p.Field.ToString().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        return TypedResults.Created("/api/v1/address-book", View(result.Entry!, time.GetUtcNow().UtcDateTime));
    }

    private static async Task<Results<NoContent, NotFound>> RemoveAsync(long id, HttpContext context, WithdrawalAddressBook book) =>
        await book.RemoveAsync(ApiEndpoints.User(context), id) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static EntryView View(AddressBookEntry e, DateTime now) =>
        new(e.Id, e.Coin, e.Address, e.Label, e.StatusAt(now).ToString(), Utc(e.CreatedAt)!.Value, Utc(e.ConfirmedAt), Utc(e.ActiveFrom));

    // UTC, also when read back from a database that does not keep the kind.
    private static DateTime? Utc(DateTime? at) => at is { } value ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : null;
}
