using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Withdrawals;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.AddressBook;

/// <summary>
/// The address book's part of every withdrawal request, asked by <see cref="WithdrawalValidator"/> (so by
/// every page, endpoint and operator retry): an entry given by id must be the user's own, of the
/// coin, confirmed and past its activation delay; and while "only to saved addresses" is on, a typed
/// address must be such an entry too.
/// </summary>
public sealed class SavedAddressRule(TimeProvider time)
{
    public const string SavedOnly = "Your account withdraws only to addresses in your address book: choose a saved one, or add this one to the book first.";

    /// <summary>
    /// The address to pay: the entry's when <see cref="WithdrawalRequest.AddressBookId"/> is given, else
    /// <paramref name="typed"/> (already checked) when the mode allows it; null with a problem added when not.
    /// </summary>
    internal async Task<string?> CheckAsync(ExchangeDbContext db, WithdrawalRequest request, Coin coin, string? typed, List<WithdrawalProblem> problems, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (request.AddressBookId is { } id)
        {
            var entry = await db.AddressBookEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.UserId == request.UserId, cancellationToken);
            return Accepted(problems, entry is null ? $"There is no entry {id} in your address book." : EntryProblem(entry, coin, request.Address, now), entry?.Address);
        }
        if (typed is null)
            return null;
        var mode = await db.SavedAddressesOnly.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == request.UserId, cancellationToken);
        if (mode is null || !mode.IsOn(now))
            return typed;
        var saved = await db.AddressBookEntries.AsNoTracking()
            .SingleOrDefaultAsync(e => e.UserId == request.UserId && e.Coin == coin.Symbol && e.Address == typed, cancellationToken);
        return Accepted(problems, saved is null ? SavedOnly : EntryProblem(saved, coin, null, now), typed);
    }

    private static string? EntryProblem(AddressBookEntry entry, Coin coin, string? typed, DateTime now)
    {
        if (entry.Coin != coin.Symbol)
            return $"“{entry.Label}” is a {entry.Coin} address, not {coin.Symbol}.";
        if (!string.IsNullOrWhiteSpace(typed) && typed.Trim() != entry.Address)
            return "Give a saved address or a new one, not both.";
        return entry.StatusAt(now) switch
        {
            AddressBookEntryStatus.AwaitingConfirmation => $"“{entry.Label}” is not confirmed yet: follow the link in the mail sent when it was added.",
            AddressBookEntryStatus.Confirmed => $"“{entry.Label}” can be used from {entry.ActiveFrom:yyyy-MM-dd HH:mm} UTC.",
            _ => null,
        };
    }

    private static string? Accepted(List<WithdrawalProblem> problems, string? problem, string? address)
    {
        if (problem is null) return address;
        problems.Add(new WithdrawalProblem(WithdrawalField.Address, problem));
        return null;
    }
}
