using Exchange.Web.Notices;
using Exchange.Web.Webhooks;

namespace Exchange.Web.Jobs;

/// <summary>Every job the app runs, in the order the jobs page lists them: the Hub jobs first.</summary>
public static class ScheduledJobs
{
    public static readonly string[] Names = [.. HubJobs.Names, ProofSnapshotJob.Name, .. NoticeJobs.Names, WebhooksJob.Name];
}
