namespace Exchange.Core.AccountFreeze;

/// <summary>Configuration section <c>AccountFreeze</c>: the "This wasn't me" links in security mails.</summary>
public sealed class AccountFreezeOptions
{
    public const string Section = "AccountFreeze";

    /// <summary>How long a "This wasn't me" link works after its mail was written.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(7);
}
