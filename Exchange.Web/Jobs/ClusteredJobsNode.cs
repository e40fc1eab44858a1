using Exchange.Core.Jobs;

namespace Exchange.Web.Jobs;

/// <summary>On a server database every node runs jobs: Quartz's clustered store gives each firing to one of them.</summary>
internal sealed class ClusteredJobsNode : IJobsNode
{
    public JobsNodeStatus Status { get; } =
        new(true, "Clustered: every node shares the schedule in the database, and each run happens on one of them.");
}
