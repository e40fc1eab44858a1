namespace Exchange.Core;

/// <summary>
/// The longest text each bounded column holds. The entity configurations and the checks in front
/// of them read the same numbers, so input that passes a check always fits its column (SQL Server
/// enforces lengths; SQLite does not).
/// </summary>
public static class Limits
{
    /// <summary>Identity's user name and email columns.</summary>
    public const int Email = 256;

    /// <summary>Identity's user ids (and every column that refers to one); also SQL Server's widest indexable text.</summary>
    public const int UserId = 450;

    /// <summary>A reason stored for the user to read: on a ledger entry, a withdrawal, a withdrawals lock, a cold-storage send.</summary>
    public const int StoredReason = 500;

    /// <summary>
    /// What an operator may type as a reason. Shorter than <see cref="StoredReason"/>: a rejection is
    /// stored as "Rejected by an operator: " and the reason.
    /// </summary>
    public const int OperatorReason = 450;

    /// <summary>An audit entry's subject: fits "user " and the longest email.</summary>
    public const int AuditSubject = 300;

    /// <summary>An audit entry's before, after and reason.</summary>
    public const int AuditText = 1000;

    public const int ApiKeyName = 100;

    /// <summary>A withdrawal's destination (IOTA: 90 trytes with checksum; a demo BTC address is shorter).</summary>
    public const int WithdrawalAddress = 100;

    /// <summary>A failed job run's error: exception messages are cut to fit (<see cref="Fit"/>).</summary>
    public const int JobError = 2000;

    /// <summary>Hub's answer kept on a cold-storage send (a bundle hash, a UUID or what went wrong), cut to fit.</summary>
    public const int HubReference = 500;

    /// <summary>A notice's data (JSON of ids, amounts, an address, a reason).</summary>
    public const int NoticeData = 4000;

    public const int NotificationTitle = 200;
    public const int NotificationText = 1000;
    public const int NotificationLink = 300;

    /// <summary>An outbound email's subject.</summary>
    public const int EmailSubject = 200;

    /// <summary>An SMTP server's reply or error kept with a send attempt, cut to fit.</summary>
    public const int SmtpReply = 2000;

    /// <summary>Text that comes from elsewhere (an exception, Hub) cut to a column's length, marked with an ellipsis.</summary>
    public static string Fit(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary>The one message for an operator's reason that is too long, or null when it fits.</summary>
    public static string? ReasonProblem(string? reason) =>
        reason is not null && reason.Trim().Length > OperatorReason ? $"A reason can be at most {OperatorReason} characters." : null;
}
