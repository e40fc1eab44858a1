namespace Exchange.Core.Notices;

/// <summary>
/// Something happened that someone must hear about, written by the code that made the change in the
/// same transaction (<see cref="NoticeLog"/>), and fanned out to the channels once by <see cref="NoticeDispatcher"/>.
/// </summary>
public sealed class Notice
{
    public long Id { get; private set; }

    /// <summary>One of <see cref="NoticeTypes"/>, e.g. <c>deposit.credited</c>; the webhooks' event name too.</summary>
    public string Type { get; private set; } = "";

    /// <summary>Whom it concerns; null for a notice to every operator.</summary>
    public string? UserId { get; private set; }

    public DateTime OccurredAt { get; private set; }

    /// <summary>A JSON object of strings: ids and amounts (base units), coin, address; never a secret.</summary>
    public string Data { get; private set; } = "{}";

    /// <summary>When the dispatcher handed it to every channel; null until then.</summary>
    public DateTime? DispatchedAt { get; private set; }

    public static Notice Of(NoticeType type, string? userId, NoticeData data, DateTime at) =>
        new() { Type = type.Name, UserId = type.Audience == NoticeAudience.Operators ? null : userId, OccurredAt = at, Data = data.ToJson() };
}
