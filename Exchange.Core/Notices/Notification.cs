namespace Exchange.Core.Notices;

/// <summary>An in-app notification: what the bell counts and the notifications page lists.</summary>
public sealed class Notification
{
    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public long NoticeId { get; private set; }
    public string Type { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";

    /// <summary>A path inside the app (e.g. <c>/withdraw</c>), or null.</summary>
    public string? Link { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime? ReadAt { get; private set; }

    public static Notification For(string userId, Notice notice, NoticeText text, DateTime at) => new()
    {
        UserId = userId, NoticeId = notice.Id, Type = notice.Type, CreatedAt = at,
        Title = Limits.Fit(text.Title, Limits.NotificationTitle), Text = Limits.Fit(text.Body, Limits.NotificationText), Link = text.Link,
    };
}

/// <summary>A user's choice for one notice type; no row means the type's defaults.</summary>
public sealed class NoticePreference
{
    public string UserId { get; set; } = "";
    public string Type { get; set; } = "";
    public bool InApp { get; set; }
    public bool Email { get; set; }
}

/// <summary>
/// A browser a user signed in from: a random cookie the browser keeps, stored only as its SHA-256,
/// with the address of the last sign-in. A sign-in from a browser not on the list is a notice.
/// </summary>
public sealed class KnownDevice
{
    public const int HashLength = 64;
    public const int AddressLength = 45;

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string DeviceHash { get; private set; } = "";
    public DateTime FirstSeenAt { get; private set; }
    public DateTime LastSeenAt { get; set; }
    public string? LastAddress { get; set; }

    public static KnownDevice First(string userId, string hash, string? address, DateTime at) =>
        new() { UserId = userId, DeviceHash = hash, FirstSeenAt = at, LastSeenAt = at, LastAddress = address };
}

/// <summary>An operator alert that is open now: opened once, closed when its condition clears.</summary>
public sealed class OpenAlert
{
    public const int KeyLength = 100;

    public string Key { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime OpenedAt { get; set; }
}
