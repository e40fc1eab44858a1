namespace Exchange.Core.Audit;

/// <summary>One operator action: who, when, what it touched, the state before and after, and why. Append-only.</summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }
    public DateTime At { get; private set; }
    public string OperatorId { get; private set; } = "";

    /// <summary>The operator's login at the time of the action (kept even if it changes later).</summary>
    public string OperatorEmail { get; private set; } = "";

    /// <summary>What was done, e.g. "Withdrawal approved", "Manual adjustment".</summary>
    public string Action { get; private set; } = "";

    /// <summary>What it was done to, e.g. "withdrawal 12", "user ann@example.com", "coin MIOTA".</summary>
    public string Subject { get; private set; } = "";

    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string? Reason { get; private set; }

    private AuditEntry() { }

    internal static AuditEntry Of(OperatorAction action, string operatorEmail, DateTime at) => new()
    {
        At = at, OperatorId = action.OperatorId, OperatorEmail = operatorEmail, Action = action.Action, Subject = action.Subject,
        Before = action.Before, After = action.After, Reason = action.Reason,
    };
}

/// <summary>An action to audit, as the code that performs it describes it.</summary>
public sealed record OperatorAction(string OperatorId, string Action, string Subject, string? Before = null, string? After = null, string? Reason = null);
