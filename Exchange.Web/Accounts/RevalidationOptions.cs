namespace Exchange.Web.Accounts;

/// <summary>Configuration section <c>Security</c>: how soon a sign-in notices a change to the account.</summary>
public sealed class RevalidationOptions
{
    public const string Section = "Security";

    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <summary>
    /// How often an open page (a Blazor circuit) and the login cookie are checked against the database
    /// (<see cref="SessionValidity"/>): a changed security stamp, a lockout, a deleted user or a removed
    /// role ends the sign-in at most this long after it happened.
    /// </summary>
    public TimeSpan RevalidateInterval { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsValid => RevalidateInterval >= Shortest && RevalidateInterval <= Longest;
}
