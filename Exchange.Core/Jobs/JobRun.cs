namespace Exchange.Core.Jobs;

/// <summary>One run of a scheduled job, kept for the operators' job view.</summary>
public sealed class JobRun
{
    public long Id { get; init; }
    public string Job { get; init; } = "";
    public DateTime StartedAt { get; init; }
    public DateTime FinishedAt { get; set; }
    public bool Succeeded { get; set; }
    public string Summary { get; set; } = "";
    public string? Error { get; set; }

    /// <summary>The scheduler instance (node) that ran it.</summary>
    public string? Node { get; init; }

    /// <summary>When the scheduler meant it to run (UTC): one firing of the schedule is one run, on one node.</summary>
    public DateTime? ScheduledAt { get; init; }

    public TimeSpan Duration => FinishedAt - StartedAt;
}
