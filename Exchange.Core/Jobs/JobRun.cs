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

    public TimeSpan Duration => FinishedAt - StartedAt;
}
