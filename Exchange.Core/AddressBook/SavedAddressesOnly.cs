namespace Exchange.Core.AddressBook;

/// <summary>
/// A user's "only to saved addresses" mode. On from <see cref="OnSince"/>; turning it off only sets
/// <see cref="OffFrom"/>, the activation delay ahead, so a stolen session cannot lift it and withdraw.
/// No row: off.
/// </summary>
public sealed class SavedAddressesOnly
{
    public string UserId { get; private set; } = "";
    public DateTime OnSince { get; private set; }
    public DateTime? OffFrom { get; private set; }

    private SavedAddressesOnly() { }

    /// <summary>A user's first row, off until <see cref="TurnOn"/>.</summary>
    public static SavedAddressesOnly TurnedOff(string userId) => new() { UserId = userId, OffFrom = DateTime.MinValue };

    public bool IsOn(DateTime now) => OffFrom is not { } off || now < off;

    /// <summary>On at once, whether it was off, or on and going off.</summary>
    public void TurnOn(DateTime now)
    {
        if (!IsOn(now)) OnSince = now;
        OffFrom = null;
    }

    public void TurnOff(DateTime from) => OffFrom = from;
}
