namespace Exchange.Core.AddressBook;

/// <summary>Configuration section <c>AddressBook</c>: how long a new withdrawal address waits before it can be used.</summary>
public sealed class AddressBookOptions
{
    public const string Section = "AddressBook";

    /// <summary>How long the mailed link that confirms a new address works.</summary>
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// From a confirmation until the address can be used, and from turning "only to saved addresses"
    /// off until that takes effect: the time the owner has to notice a change they did not make.
    /// </summary>
    public TimeSpan ActivationDelay { get; set; } = TimeSpan.FromHours(24);
}
