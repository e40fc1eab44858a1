using Exchange.Core.Jobs;
using Exchange.Core.Webhooks;
using Exchange.Web.Jobs;
using Quartz;

namespace Exchange.Web.Webhooks;

/// <summary>Sends due webhook messages; like the notices and email jobs it runs whatever Jobs:Enabled says, so events leave a node that does not poll Hub.</summary>
[DisallowConcurrentExecution]
public sealed class WebhooksJob(JobRunner runner, WebhookSender sender) : IJob
{
    public const string Name = "webhooks";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runner.RunAsync(Name, sender.RunAsync, r => r.Summary, HubJobs.IsForced(context), cancellationToken, HubJobs.Firing(context));

    /// <summary>The job on its schedule (<c>Webhooks:Interval</c>).</summary>
    public static void AddTo(IQuartzBuilder q, IConfiguration configuration)
    {
        var options = configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions();
        var key = new JobKey(Name);
        q.AddJob<WebhooksJob>(j => j.WithIdentity(key).StoreDurably().RequestRecovery());
        q.AddTrigger<WebhooksJob>(t => t.ForJob(key).WithIdentity($"{Name}-every").StartNow().WithSimpleSchedule(s => s.WithInterval(options.Interval).RepeatForever()));
    }
}
