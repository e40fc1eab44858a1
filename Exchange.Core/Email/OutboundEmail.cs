namespace Exchange.Core.Email;

public enum OutboundEmailState
{
    /// <summary>Waits for its next attempt (<see cref="OutboundEmail.NextAttemptAt"/>).</summary>
    Pending,
    /// <summary>Claimed by a node that is sending it until <see cref="OutboundEmail.ClaimedUntil"/>.</summary>
    Sending,
    Sent,
    /// <summary>Refused for good, or out of attempts: an operator sees it and may send it again.</summary>
    Failed,
}

/// <summary>A mail in the outbox: written in the transaction of whatever caused it, sent by the email job.</summary>
public sealed class OutboundEmail
{
    public long Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";

    /// <summary>What it is (a notice type, or <c>account.*</c> for the account pages' links).</summary>
    public string Kind { get; private set; } = "";

    /// <summary>The notice it tells of, if any.</summary>
    public long? NoticeId { get; private set; }

    /// <summary>The Message-Id every attempt carries, so a receiver can drop a second copy.</summary>
    public string MessageId { get; private set; } = "";

    public OutboundEmailState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public string? ClaimedBy { get; private set; }
    public DateTime? ClaimedUntil { get; private set; }
    public DateTime? SentAt { get; private set; }
    public string? LastError { get; private set; }

    public static OutboundEmail Of(EmailMessage message, long? noticeId, DateTime at, string domain) => new()
    {
        To = message.To, Subject = Limits.Fit(message.Subject, Limits.EmailSubject), TextBody = message.Text, HtmlBody = message.Html, Kind = message.Kind,
        NoticeId = noticeId, MessageId = $"{Guid.NewGuid():N}@{domain}", State = OutboundEmailState.Pending, CreatedAt = at, NextAttemptAt = at,
    };
}

/// <summary>One try to hand a mail to the SMTP server, and what the server said.</summary>
public sealed class EmailAttempt
{
    public long Id { get; private set; }
    public long EmailId { get; private set; }
    public DateTime At { get; private set; }
    public bool Succeeded { get; private set; }
    public string Reply { get; private set; } = "";
    public int DurationMs { get; private set; }
    public string Node { get; private set; } = "";

    public static EmailAttempt Of(long emailId, DateTime at, bool succeeded, string reply, TimeSpan duration, string node) => new()
    {
        EmailId = emailId, At = at, Succeeded = succeeded, Reply = Limits.Fit(reply, Limits.SmtpReply),
        DurationMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds), Node = Limits.Fit(node, 200),
    };
}

/// <summary>A mail to send: plain text and HTML of the same content.</summary>
public sealed record EmailMessage(string To, string Subject, string Text, string Html, string Kind);
