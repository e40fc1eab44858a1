namespace Exchange.Core.AddressBook;

public enum AddressBookEntryStatus
{
    /// <summary>Added; the mailed link has not been followed yet.</summary>
    AwaitingConfirmation,

    /// <summary>Confirmed; usable from <see cref="AddressBookEntry.ActiveFrom"/>.</summary>
    Confirmed,

    /// <summary>Confirmed, and its activation delay has passed: withdrawals may go to it.</summary>
    Active,
}

/// <summary>
/// A withdrawal address a user saved, with a label. It is usable only after its owner followed the
/// mailed link and the activation delay that starts then has passed, so a stolen session cannot add
/// an address and withdraw to it at once. Removing it deletes the row; the notices keep its history.
/// </summary>
public sealed class AddressBookEntry
{
    public const int LabelLength = 50;

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string Coin { get; private set; } = "";

    /// <summary>As a withdrawal stores it: for IOTA 90 trytes with checksum.</summary>
    public string Address { get; private set; } = "";

    public string Label { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? ConfirmedAt { get; private set; }

    /// <summary>Confirmation time plus the activation delay then in force; null until confirmed.</summary>
    public DateTime? ActiveFrom { get; private set; }

    /// <summary>When its owner was told it became usable (<see cref="AddressActivations"/>); null until then.</summary>
    public DateTime? ActivationAnnouncedAt { get; private set; }

    private AddressBookEntry() { }

    public static AddressBookEntry Add(string userId, string coin, string address, string label, DateTime now) =>
        new() { UserId = userId, Coin = coin, Address = address, Label = label, CreatedAt = now };

    public bool IsActive(DateTime now) => ActiveFrom is { } from && from <= now;

    public AddressBookEntryStatus StatusAt(DateTime now) =>
        ConfirmedAt is null ? AddressBookEntryStatus.AwaitingConfirmation
        : IsActive(now) ? AddressBookEntryStatus.Active
        : AddressBookEntryStatus.Confirmed;

    /// <summary>False when it was confirmed already: a confirmation never moves the time it becomes usable.</summary>
    public bool Confirm(DateTime now, TimeSpan activationDelay)
    {
        if (ConfirmedAt is not null) return false;
        (ConfirmedAt, ActiveFrom) = (now, now + activationDelay);
        return true;
    }
}
