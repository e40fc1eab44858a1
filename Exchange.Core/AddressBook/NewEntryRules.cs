using System.Globalization;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Withdrawals;
using Exchange.Hub;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.AddressBook;

/// <summary>
/// What a new entry of the book must pass, each failure with its own message. The address gets the
/// withdrawal's own checks (<see cref="WithdrawalValidator"/>: the Kerl checksum, the exchange's deposit
/// addresses), and more that a withdrawal cannot afford on every keystroke: the exchange's cold-storage
/// addresses, any address IOTA Hub keeps for the exchange (its users' and the hot wallet's), and an
/// address already spent from, which must never receive again.
/// </summary>
public sealed class NewEntryRules(IHubClient hub)
{
    public static string? LabelProblem(string? label)
    {
        var trimmed = label?.Trim() ?? "";
        if (trimmed.Length == 0)
            return "Give the address a label, e.g. the wallet it belongs to.";
        if (trimmed.Length > AddressBookEntry.LabelLength)
            return $"A label can be at most {AddressBookEntry.LabelLength} characters.";
        return trimmed.Any(IsHidden) ? "A label cannot contain line breaks, tabs or other invisible control characters." : null;
    }

    // Control characters, and formatting ones such as right-to-left overrides that make a label read differently in a mail.
    private static bool IsHidden(char c) => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    /// <summary>The address as it will be stored, or null with the problems added.</summary>
    internal async Task<string?> CheckAddressAsync(ExchangeDbContext db, string userId, Coin coin, string? input, List<AddressBookProblem> problems, CancellationToken cancellationToken)
    {
        var checks = new List<WithdrawalProblem>();
        var address = await WithdrawalValidator.CheckAddressAsync(db, input, coin, checks, cancellationToken);
        problems.AddRange(checks.Select(p => new AddressBookProblem(AddressBookField.Address, p.Message)));
        if (address is null || checks.Count > 0)
            return null;
        if (await db.AddressBookEntries.Where(e => e.UserId == userId && e.Coin == coin.Symbol && e.Address == address).Select(e => e.Label).FirstOrDefaultAsync(cancellationToken) is { } label)
            return Refuse(problems, Duplicate(label));
        if (await db.ColdStorageAddresses.AnyAsync(a => a.Address == address, cancellationToken))
            return Refuse(problems, "This is one of the exchange's cold-storage addresses; save an address of your own wallet.");
        if (coin.Symbol == CoinSymbols.Iota && await HubProblemAsync(address, cancellationToken) is { } hubProblem)
            return Refuse(problems, hubProblem);
        return address;
    }

    public static string Duplicate(string label) => $"This address is in your book already, as “{label}”.";

    private async Task<string?> HubProblemAsync(string address, CancellationToken cancellationToken)
    {
        try
        {
            if (await IsHubAddressAsync(address, cancellationToken))
                return "This is one of this exchange's own addresses in IOTA Hub; save an address of your own wallet.";
            if (await hub.WasAddressSpentFromAsync(address, cancellationToken))
                return "This address was already spent from. An IOTA address must never receive again after a spend (what arrives there can be stolen): use a new address of your wallet.";
            return null;
        }
        catch (Exception e) when (e is HubTransportException or HubCommandException)
        {
            return "IOTA Hub could not be asked whether this address is the exchange's own or already spent, so it was not saved. Please try again in a moment.";
        }
    }

    private async Task<bool> IsHubAddressAsync(string address, CancellationToken cancellationToken)
    {
        try
        {
            await hub.GetAddressInfoAsync(address, cancellationToken);
            return true;
        }
        catch (HubCommandException e) when (e.Error == HubError.UnknownAddress)
        {
            return false;
        }
    }

    private static string? Refuse(List<AddressBookProblem> problems, string message)
    {
        problems.Add(new AddressBookProblem(AddressBookField.Address, message));
        return null;
    }
}
