namespace Exchange.Core.HubSync;

/// <summary>
/// An exchange user's account in Hub, <c>user-N</c>. It only receives deposits; what Hub credits
/// to it is moved on to the hot wallet, and the two running totals say how much is still to move.
/// The totals only grow, thousands of accounts at a time (<see cref="HubAccountTotals"/>).
/// </summary>
public sealed class HubAccount
{
    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string HubUserId { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    /// <summary>Sum of the DEPOSIT events Hub credited to this Hub user.</summary>
    public long CreditedByHub { get; private set; }

    /// <summary>Sum moved on to the hot wallet by applied transfer batches.</summary>
    public long MovedToHotWallet { get; private set; }

    /// <summary>How many applied batches moved funds out of this Hub user (Hub shows each as one SELL).</summary>
    public int BatchesApplied { get; private set; }

    public long Unmoved => CreditedByHub - MovedToHotWallet;

    private HubAccount() { }

    /// <summary>A new account; its Hub id <c>user-N</c> takes the row's id once saved.</summary>
    public static HubAccount For(string userId, DateTime now) =>
        new() { UserId = userId, HubUserId = $"pending-{Guid.NewGuid():N}", CreatedAt = now };

    /// <summary>An account that already exists in Hub under a known id (an import, a large seed).</summary>
    public static HubAccount Existing(string userId, string hubUserId, DateTime now) =>
        new() { UserId = userId, HubUserId = hubUserId, CreatedAt = now };

    internal void NameAfterId() => HubUserId = $"user-{Id}";
}
