namespace Exchange.Core.Webhooks;

/// <summary>Whose events an endpoint hears: its owner's own, or the operators'.</summary>
public enum WebhookAudience
{
    User,
    Operators,
}

/// <summary>
/// An HTTPS address a user (their own events) or an operator (the operators' events) registered,
/// with the event types it wants. Its secret signs every delivery; it is stored encrypted
/// (<see cref="WebhookSecrets"/>) and shown once. After a rotation the previous secret signs too
/// until <see cref="PreviousSecretUntil"/>, so a receiver can change over without missing a delivery.
/// </summary>
public sealed class WebhookEndpoint
{
    public const int UrlLength = 2000;
    public const int DescriptionLength = 200;
    public const int EventTypesLength = 1000;
    public const int SecretLength = 1000;

    public long Id { get; private set; }

    /// <summary>Who registered it, and who hears when it is disabled.</summary>
    public string OwnerId { get; private set; } = "";

    public WebhookAudience Audience { get; private set; }
    public string Url { get; private set; } = "";
    public string Description { get; private set; } = "";

    /// <summary>The event types it wants, space-separated.</summary>
    public string EventTypes { get; private set; } = "";

    public string ProtectedSecret { get; private set; } = "";
    public string? ProtectedPreviousSecret { get; private set; }
    public DateTime? PreviousSecretUntil { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>When the current run of failed attempts began; null after a success.</summary>
    public DateTime? FailingSince { get; private set; }

    public DateTime? DisabledAt { get; private set; }
    public string? DisabledReason { get; private set; }

    public bool Enabled => DisabledAt is null;

    public IReadOnlyList<string> EventList => EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool Wants(string type) => EventList.Contains(type, StringComparer.Ordinal);

    public static WebhookEndpoint Register(string ownerId, WebhookAudience audience, string url, string description, IEnumerable<string> eventTypes, string protectedSecret, DateTime at) => new()
    {
        OwnerId = ownerId, Audience = audience, Url = url, Description = description, EventTypes = string.Join(' ', eventTypes),
        ProtectedSecret = protectedSecret, CreatedAt = at,
    };

    /// <summary>A new secret; the one it replaces keeps signing until <paramref name="previousUntil"/>.</summary>
    public void Rotate(string protectedSecret, DateTime previousUntil)
    {
        (ProtectedPreviousSecret, PreviousSecretUntil) = (ProtectedSecret, previousUntil);
        ProtectedSecret = protectedSecret;
    }

    /// <summary>The protected secrets that sign at <paramref name="now"/>: the current one first.</summary>
    public IEnumerable<string> SigningSecrets(DateTime now)
    {
        yield return ProtectedSecret;
        if (ProtectedPreviousSecret is { } previous && PreviousSecretUntil > now) yield return previous;
    }

    public void Enable() => (DisabledAt, DisabledReason, FailingSince) = (null, null, null);
}
