using Exchange.Core.Notices;

namespace Exchange.Core.Webhooks;

/// <summary>
/// The event types an endpoint may ask for: the names of <see cref="NoticeTypes"/>, by audience.
/// Security kinds other than a new API key and an address-book change (sign-ins, password, email)
/// are told by mail and in the app only.
/// </summary>
public static class WebhookEvents
{
    /// <summary>What "Send test event" sends; never from a notice.</summary>
    public const string Test = "webhook.test";

    public static readonly IReadOnlyList<string> ForUsers =
    [
        NoticeTypes.DepositSeen.Name, NoticeTypes.DepositCredited.Name,
        NoticeTypes.WithdrawalRequested.Name, NoticeTypes.WithdrawalHeld.Name, NoticeTypes.WithdrawalApproved.Name, NoticeTypes.WithdrawalSent.Name,
        NoticeTypes.WithdrawalCompleted.Name, NoticeTypes.WithdrawalFailed.Name, NoticeTypes.WithdrawalCancelled.Name,
        NoticeTypes.AddressBookChanged.Name, NoticeTypes.ApiKeyCreated.Name,
    ];

    public static readonly IReadOnlyList<string> ForOperators =
    [
        NoticeTypes.SweepConfirmed.Name, NoticeTypes.AlertOpened.Name, NoticeTypes.AlertClosed.Name,
        NoticeTypes.ApprovalRequested.Name, NoticeTypes.ApprovalDecided.Name,
    ];

    public static IReadOnlyList<string> For(WebhookAudience audience) => audience == WebhookAudience.Operators ? ForOperators : ForUsers;

    /// <summary>Which audience's endpoints hear a notice of this type (null: none).</summary>
    public static WebhookAudience? AudienceOf(string type) =>
        ForUsers.Contains(type) ? WebhookAudience.User : ForOperators.Contains(type) ? WebhookAudience.Operators : null;

    /// <summary>The short label of a type for the pages.</summary>
    public static string Label(string type) =>
        NoticeTypes.Find(type)?.Label ?? type;
}
