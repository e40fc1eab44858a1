namespace Exchange.Core.HubSync;

/// <summary>Where a Hub subscription was read up to: the newest event timestamp (ms) seen.</summary>
public sealed class HubCursor
{
    public string Name { get; init; } = "";
    public long Timestamp { get; set; }
}

/// <summary>An event for a Hub user the exchange does not know: kept for operators, never dropped.</summary>
public sealed class UnrecognisedHubEvent
{
    public long Id { get; init; }
    public string EventKey { get; init; } = "";
    public string HubUserId { get; init; } = "";
    public long Amount { get; init; }
    public string Description { get; init; } = "";
    public DateTime SeenAt { get; init; }
}
