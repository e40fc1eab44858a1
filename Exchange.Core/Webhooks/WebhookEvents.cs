using Exchange.Core.Notices;

namespace Exchange.Core.Webhooks;

/// <summary>
/// The event types an endpoint may ask for: the names of <see cref="NoticeTypes"/>, by audience.
/// <c>address_book.changed</c> is offered even before the notice that carries it exists; security
/// kinds other than a new API key (sign-ins, password, email) are told by mail and in the app only.
/// </summary>
public static class WebhookEvents
{
    /// <summary>What "Send test event" sends; never from a notice.</summary>
    public const string Test = "webhook.test";

    public const string AddressBookChanged = "address_book.changed";

    public static readonly IReadOnlyList<string> ForUsers =
    [
        NoticeTypes.DepositSeen.Name, NoticeTypes.DepositCredited.Name,
        NoticeTypes.WithdrawalRequested.Name, NoticeTypes.WithdrawalHeld.Name, NoticeTypes.WithdrawalApproved.Name, NoticeTypes.WithdrawalSent.Name,
        NoticeTypes.WithdrawalCompleted.Name, NoticeTypes.WithdrawalFailed.Name, NoticeTypes.WithdrawalCancelled.Name,
        AddressBookChanged, NoticeTypes.ApiKeyCreated.Name,
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
        NoticeTypes.Find(type)?.Label ?? (type == AddressBookChanged ? "Address book changed" : type);
}
