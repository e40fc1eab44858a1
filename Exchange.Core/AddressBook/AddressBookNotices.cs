using System.Globalization;
using Exchange.Core.Data;
using Exchange.Core.Notices;

namespace Exchange.Core.AddressBook;

/// <summary>
/// The <c>address_book.changed</c> notices, written in each change's transaction: they tell the owner
/// (a security kind: always mailed) and are the book's history that operators read.
/// </summary>
public static class AddressBookNotices
{
    public const string Added = "added";
    public const string Confirmed = "confirmed";
    public const string Activated = "activated";
    public const string Removed = "removed";
    public const string SavedOnlyOn = "saved_only_on";
    public const string SavedOnlyOff = "saved_only_off";

    public const string Path = "/address-book";

    public static Notice Add(ExchangeDbContext db, string change, AddressBookEntry entry, DateTime at, TimeSpan? delay = null) =>
        NoticeLog.Add(db, NoticeTypes.AddressBookChanged, entry.UserId, new NoticeData().With("change", change)
            .With("entry", entry.Id).With("coin", entry.Coin).With("address", entry.Address).With("label", entry.Label)
            .With("activeFrom", Time(entry.ActiveFrom)).With("delay", delay is { } d ? Duration(d) : null), at);

    public static Notice AddMode(ExchangeDbContext db, string userId, SavedAddressesOnly mode, DateTime at) =>
        NoticeLog.Add(db, NoticeTypes.AddressBookChanged, userId, new NoticeData()
            .With("change", mode.OffFrom is null ? SavedOnlyOn : SavedOnlyOff).With("offFrom", Time(mode.OffFrom)), at);

    /// <summary>What the bell, the mail and the operator's history say of one change.</summary>
    public static NoticeText Describe(NoticeData d)
    {
        var entry = $"“{d["label"]}” ({d["coin"]} {d["address"]})";
        return d["change"] switch
        {
            Added => new($"New withdrawal address: {d["label"]}",
                $"The {d["coin"]} address {d["address"]} was added to your withdrawal address book as “{d["label"]}”. "
                + $"It can be used only after you confirm it with the link mailed to you, and {d["delay"] ?? "a while"} after that.", Path),
            Confirmed => new($"Withdrawal address confirmed: {d["label"]}", $"{entry} was confirmed. Withdrawals to it are possible from {Shown(d["activeFrom"])}.", Path),
            Activated => new($"Withdrawal address now usable: {d["label"]}",
                $"{entry} can be used for withdrawals since {Shown(d["activeFrom"])}. If you did not add it, remove it from your withdrawal address book now.", Path),
            Removed => new($"Withdrawal address removed: {d["label"]}", $"{entry} was removed from your withdrawal address book.", Path),
            SavedOnlyOn => new("Withdrawals only to saved addresses",
                "Withdrawals from your account now go only to confirmed addresses in your withdrawal address book.", Path),
            SavedOnlyOff => new("Withdrawals to any address again",
                $"“Only to saved addresses” was turned off: withdrawals to addresses outside your book are possible again from {Shown(d["offFrom"])}.", Path),
            _ => new("Address book changed", "Your withdrawal address book changed.", Path),
        };
    }

    /// <summary>"24 hours", "1 hour", "90 minutes": a delay as a mail says it.</summary>
    public static string Duration(TimeSpan delay) =>
        delay.TotalMinutes % 60 == 0 ? Plural((long)delay.TotalHours, "hour")
        : delay.TotalSeconds % 60 == 0 ? Plural((long)delay.TotalMinutes, "minute")
        : Plural((long)delay.TotalSeconds, "second");

    private static string Plural(long count, string unit) => $"{count} {unit}{(count == 1 ? "" : "s")}";

    private static string? Time(DateTime? at) => at?.ToString("O", CultureInfo.InvariantCulture);

    private static string Shown(string? stored) =>
        DateTime.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? $"{at:yyyy-MM-dd HH:mm} UTC" : "later";
}
