using Exchange.Core.Coins;

namespace Exchange.Core.Notices;

public enum NoticeAudience
{
    /// <summary>The notice's user.</summary>
    User,
    /// <summary>Every operator (the notice has no user).</summary>
    Operators,
}

/// <summary>
/// One kind of notice. <see cref="Name"/> is stored on the notice and is the webhooks' event name.
/// A security kind is always mailed, whatever the user chose.
/// </summary>
public sealed record NoticeType(string Name, NoticeAudience Audience, bool Security, bool EmailByDefault, string Label, Func<NoticeData, CoinList, NoticeText> Describe)
{
    public NoticeText TextOf(NoticeData data, CoinList coins) => Describe(data, coins);
}

/// <summary>The one list of notice types, their audience, defaults and texts.</summary>
public static class NoticeTypes
{
    public const int NameLength = 64;

    public static readonly NoticeType DepositSeen = User("deposit.seen", "Deposit incoming", email: false,
        (d, c) => new($"Deposit of {Amount(d, c)} incoming", $"A deposit of {Amount(d, c)} was seen on the Tangle; it is credited once IOTA Hub sweeps it.", "/deposit"));
    public static readonly NoticeType DepositCredited = User("deposit.credited", "Deposit credited", email: true,
        (d, c) => new($"Deposit of {Amount(d, c)} credited", $"{Amount(d, c)} was credited to your balance.", "/"));

    public static readonly NoticeType WithdrawalRequested = Withdrawal("withdrawal.requested", "Withdrawal requested", email: false, "was requested");
    public static readonly NoticeType WithdrawalHeld = Withdrawal("withdrawal.held", "Withdrawal waits for review", email: true, "waits for an operator's review");
    public static readonly NoticeType WithdrawalApproved = Withdrawal("withdrawal.approved", "Withdrawal approved", email: true, "was approved by an operator");
    public static readonly NoticeType WithdrawalSent = Withdrawal("withdrawal.sent", "Withdrawal sent", email: false, "was sent to IOTA Hub, which pays it out in its next sweep");
    public static readonly NoticeType WithdrawalCompleted = Withdrawal("withdrawal.completed", "Withdrawal completed", email: true, "was paid out and confirmed on the Tangle");
    public static readonly NoticeType WithdrawalFailed = Withdrawal("withdrawal.failed", "Withdrawal failed", email: true, "failed and was refunded");
    public static readonly NoticeType WithdrawalCancelled = Withdrawal("withdrawal.cancelled", "Withdrawal cancelled", email: true, "was cancelled and refunded");

    public static readonly NoticeType SignInNewDevice = Security("security.sign_in_new_device", "Sign-in from a new browser",
        d => new("New sign-in to your account", $"Someone signed in to your account from a browser not seen before (address {d["address"] ?? "unknown"}). If it was not you, change your password now.", "/Identity/Account/Manage/ChangePassword"));
    public static readonly NoticeType PasswordChanged = Security("security.password_changed", "Password changed",
        _ => new("Your password was changed", "The password of your account was changed. If it was not you, reset it at once and turn on two-factor authentication.", "/Identity/Account/Manage"));
    public static readonly NoticeType EmailChanged = Security("security.email_changed", "Email changed",
        d => new("Your account's email was changed", $"Your account's email was changed from {d["previousEmail"] ?? "the old address"} to {d["email"] ?? "a new address"}. If it was not you, contact support at once.", "/Identity/Account/Manage"));
    public static readonly NoticeType TwoFactorChanged = Security("security.two_factor_changed", "Two-factor changed",
        d => new("Two-factor authentication changed", $"Two-factor authentication of your account was {d["change"] ?? "changed"}. If it was not you, change your password now.", "/Identity/Account/Manage/TwoFactorAuthentication"));
    public static readonly NoticeType ApiKeyCreated = Security("api_key.created", "API key created",
        d => new("A new API key", $"An API key named \"{d["name"]}\" with scopes {d["scopes"]} was created for your account.", "/settings/api-keys"));
    public static readonly NoticeType AddressBookChanged = Security("address_book.changed", "Withdrawal address book changed", AddressBook.AddressBookNotices.Describe);
    public static readonly NoticeType AccountFrozen = Security("account.frozen", "Account frozen", AccountFreeze.FreezeNotices.DescribeForOwner);

    public static readonly NoticeType AlertOpened = Operators("alert.opened", "Alert opened", email: true,
        d => new("Alert: " + d["text"], d["text"] ?? "", "/operator"));
    public static readonly NoticeType AlertClosed = Operators("alert.closed", "Alert cleared", email: true,
        d => new("Cleared: " + d["text"], $"This alert cleared: {d["text"]}", "/operator"));
    public static readonly NoticeType ApprovalRequested = Operators("approval.requested", "Approval requested", email: true,
        d => new("Waiting for a second operator", $"{d["summary"]} waits for another operator's approval.", d["link"] ?? "/operator/approvals"));
    public static readonly NoticeType ApprovalDecided = Operators("approval.decided", "Approval decided", email: false,
        d => new($"Request {d["decision"]}", $"Request {d["request"]} was {d["decision"]}.", "/operator/approvals"));
    public static readonly NoticeType SweepConfirmed = Operators("sweep.confirmed", "Sweep confirmed", email: false,
        d => new("Sweep confirmed", $"Hub's sweep {d["bundle"]} was confirmed on the Tangle.", "/operator/sweeps"));

    public static readonly NoticeType WebhookEndpointChanged = Security("webhook.endpoint_changed", "Webhook endpoint changed",
        d => new($"Webhook endpoint {d["change"]}", $"The webhook endpoint {d["url"]} of your account was {d["change"]}{(d["events"] is { } events ? $" (events: {events})" : "")}. If it was not you, delete it and change your password now.", d["page"]));
    public static readonly NoticeType WebhookEndpointDisabled = User("webhook.endpoint_disabled", "Webhook endpoint disabled", email: true,
        (d, _) => new("A webhook endpoint was disabled", $"Events are no longer sent to {d["url"]}: {d["reason"]} Enable it again on the webhooks page once it answers.", d["page"]));
    public static readonly NoticeType UserFrozen = Operators("user.frozen", "Account frozen by its owner", email: true, AccountFreeze.FreezeNotices.DescribeForOperators);

    public static readonly IReadOnlyList<NoticeType> All =
    [
        DepositSeen, DepositCredited,
        WithdrawalRequested, WithdrawalHeld, WithdrawalApproved, WithdrawalSent, WithdrawalCompleted, WithdrawalFailed, WithdrawalCancelled,
        SignInNewDevice, PasswordChanged, EmailChanged, TwoFactorChanged, ApiKeyCreated,
        AddressBookChanged, AccountFrozen, WebhookEndpointChanged, WebhookEndpointDisabled,
        AlertOpened, AlertClosed, ApprovalRequested, ApprovalDecided, SweepConfirmed, UserFrozen,
    ];

    private static readonly Dictionary<string, NoticeType> ByName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static NoticeType? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>"12.5 MIOTA" from the data's <c>amount</c> (base units) and <c>coin</c>.</summary>
    public static string Amount(NoticeData data, CoinList coins) =>
        coins.Find(data["coin"]) is { } coin ? coin.Format(data.Long("amount")) : $"{data["amount"]} {data["coin"]}";

    private static NoticeType User(string name, string label, bool email, Func<NoticeData, CoinList, NoticeText> text) =>
        new(name, NoticeAudience.User, Security: false, email, label, text);

    private static NoticeType Security(string name, string label, Func<NoticeData, NoticeText> text) =>
        new(name, NoticeAudience.User, Security: true, EmailByDefault: true, label, (d, _) => text(d));

    private static NoticeType Operators(string name, string label, bool email, Func<NoticeData, NoticeText> text) =>
        new(name, NoticeAudience.Operators, Security: false, email, label, (d, _) => text(d));

    private static NoticeType Withdrawal(string name, string label, bool email, string what) =>
        User(name, label, email, (d, c) => new(label, $"Your withdrawal {d["withdrawal"]} of {Amount(d, c)} {what}{Reason(d)}.", "/withdraw"));

    private static string Reason(NoticeData data) => data["reason"] is { Length: > 0 } reason ? $": {reason.TrimEnd('.')}" : "";
}
