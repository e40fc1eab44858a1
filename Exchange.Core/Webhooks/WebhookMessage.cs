namespace Exchange.Core.Webhooks;

public enum WebhookMessageState
{
    /// <summary>Waits for its next attempt (<see cref="WebhookMessage.NextAttemptAt"/>).</summary>
    Pending,
    /// <summary>Claimed by a node that is sending it until <see cref="WebhookMessage.ClaimedUntil"/>.</summary>
    Sending,
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,
    /// <summary>Given up: out of time, answered 410 Gone, or its endpoint was disabled. Its owner may redeliver it.</summary>
    Failed,
}

/// <summary>
/// One event for one endpoint: written in the notice dispatcher's transaction (or by "Send test
/// event"), sent by the webhooks job. The body is fixed when it is written, and <see cref="MessageId"/>
/// (the <c>webhook-id</c> header) stays the same on every attempt and redelivery, so a receiver can
/// drop a second copy; only the timestamp and signature are made anew for each attempt.
/// </summary>
public sealed class WebhookMessage
{
    public const int MessageIdLength = 40;
    public const int ErrorLength = 500;

    public long Id { get; private set; }
    public long EndpointId { get; private set; }

    /// <summary>The notice it tells of; null for a test event.</summary>
    public long? NoticeId { get; private set; }

    public string MessageId { get; private set; } = "";
    public string Type { get; private set; } = "";

    /// <summary>The JSON body, exactly as sent and signed.</summary>
    public string Payload { get; private set; } = "";

    public WebhookMessageState State { get; private set; }

    /// <summary>Attempts in the current round (a redelivery starts a new one).</summary>
    public int Attempts { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>When the current round began: a message failing for <see cref="WebhookOptions.GiveUpAfter"/> since then is given up.</summary>
    public DateTime RoundStartedAt { get; private set; }

    public DateTime NextAttemptAt { get; private set; }
    public string? ClaimedBy { get; private set; }
    public DateTime? ClaimedUntil { get; private set; }
    public DateTime? DeliveredAt { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }

    public static WebhookMessage Of(long endpointId, long? noticeId, string type, string payload, DateTime at) => new()
    {
        EndpointId = endpointId, NoticeId = noticeId, MessageId = NewMessageId(), Type = type, Payload = payload,
        State = WebhookMessageState.Pending, CreatedAt = at, RoundStartedAt = at, NextAttemptAt = at,
    };

    // Letters and digits only: the spec signs "id.timestamp.body", so an id must not hold a full stop.
    private static string NewMessageId() => "msg_" + Guid.CreateVersion7().ToString("N");
}

/// <summary>One try to deliver a message, and what the receiver answered.</summary>
public sealed class WebhookAttempt
{
    /// <summary>How much of a receiver's answer is kept: the first 2 KB, as text.</summary>
    public const int ResponseLength = 2048;

    public long Id { get; private set; }
    public long MessageId { get; private set; }
    public long EndpointId { get; private set; }
    public DateTime At { get; private set; }
    public bool Succeeded { get; private set; }

    /// <summary>The HTTP status; null when no answer came (refused, timed out, no connection).</summary>
    public int? StatusCode { get; private set; }

    public int DurationMs { get; private set; }

    /// <summary>The first 2 KB of the answer's body, or what went wrong.</summary>
    public string Response { get; private set; } = "";

    public string Node { get; private set; } = "";

    public static WebhookAttempt Of(WebhookMessage message, DateTime at, WebhookOutcome outcome, TimeSpan duration, string node) => new()
    {
        MessageId = message.Id, EndpointId = message.EndpointId, At = at, Succeeded = outcome.Succeeded, StatusCode = outcome.StatusCode,
        DurationMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds), Response = Limits.Fit(outcome.Response, ResponseLength), Node = Limits.Fit(node, 200),
    };
}
