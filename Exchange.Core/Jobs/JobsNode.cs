namespace Exchange.Core.Jobs;

/// <summary>Whether this process runs the jobs now, and why, in words for an operator.</summary>
public sealed record JobsNodeStatus(bool RunsJobs, string Description);

/// <summary>Answers whether this process may run jobs; the job runner asks before every run.</summary>
public interface IJobsNode
{
    JobsNodeStatus Status { get; }
}

/// <summary>Where nothing else decides (a host without the web app's scheduler): this process runs its jobs.</summary>
internal sealed class SingleJobsNode : IJobsNode
{
    public JobsNodeStatus Status { get; } = new(true, "This process runs the jobs.");
}
