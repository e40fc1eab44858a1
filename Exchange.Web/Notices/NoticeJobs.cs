using Exchange.Core.AddressBook;
using Exchange.Core.Email;
using Exchange.Core.Jobs;
using Exchange.Core.Notices;
using Exchange.Web.Jobs;
using Quartz;

namespace Exchange.Web.Notices;

// Thin triggers like the Hub jobs (HubJobs.cs), recorded by the JobRunner, but not Hub's: the notices
// and email jobs run whatever Jobs:Enabled says, so mail goes out on a node that does not poll Hub.

[DisallowConcurrentExecution]
public sealed class NoticesJob(JobRunner runner, NoticeDispatcher dispatcher) : IJob
{
    public const string Name = "notices";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runner.RunAsync(Name, dispatcher.RunAsync, r => r.Summary, HubJobs.IsForced(context), cancellationToken, HubJobs.Firing(context));
}

[DisallowConcurrentExecution]
public sealed class EmailJob(JobRunner runner, OutboxSender sender) : IJob
{
    public const string Name = "email";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runner.RunAsync(Name, sender.RunAsync, r => r.Summary, HubJobs.IsForced(context), cancellationToken, HubJobs.Firing(context));
}

[DisallowConcurrentExecution]
public sealed class AlertsJob(JobRunner runner, AlertMonitor monitor) : IJob
{
    public const string Name = "alerts";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runner.RunAsync(Name, monitor.RunAsync, r => r.Summary, HubJobs.IsForced(context), cancellationToken, HubJobs.Firing(context));
}

[DisallowConcurrentExecution]
public sealed class AddressActivationsJob(JobRunner runner, AddressActivations activations) : IJob
{
    public const string Name = "address-activations";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runner.RunAsync(Name, activations.RunAsync, r => r.Summary, HubJobs.IsForced(context), cancellationToken, HubJobs.Firing(context));
}

/// <summary>Configuration section <c>Notices</c>: how often notices are fanned out and alerts looked at.</summary>
public sealed class NoticesOptions
{
    public const string Section = "Notices";

    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the overview's alerts are compared with the open ones (Hub jobs on only: it calls Hub).</summary>
    public TimeSpan AlertsInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the email job looks for mail to send.</summary>
    public TimeSpan EmailInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the address activations job looks for saved addresses that became usable, to tell their owners.</summary>
    public TimeSpan AddressActivationsInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public static class NoticeJobs
{
    public static readonly string[] Names = [NoticesJob.Name, EmailJob.Name, AlertsJob.Name, AddressActivationsJob.Name];

    /// <summary>The notices, email, address activations and alerts jobs; the alerts job only with the Hub jobs (it reads Hub through the overview).</summary>
    public static void AddNoticeJobs(this IQuartzBuilder q, IConfiguration configuration, bool hubJobs)
    {
        var options = configuration.GetSection(NoticesOptions.Section).Get<NoticesOptions>() ?? new NoticesOptions();
        Add<NoticesJob>(q, NoticesJob.Name, options.DispatchInterval, true);
        Add<EmailJob>(q, EmailJob.Name, options.EmailInterval, true);
        Add<AddressActivationsJob>(q, AddressActivationsJob.Name, options.AddressActivationsInterval, true);
        Add<AlertsJob>(q, AlertsJob.Name, options.AlertsInterval, hubJobs);
    }

    private static void Add<T>(IQuartzBuilder q, string name, TimeSpan interval, bool scheduled) where T : IJob
    {
        var key = new JobKey(name);
        q.AddJob<T>(j => j.WithIdentity(key).StoreDurably().RequestRecovery());
        if (scheduled)
            q.AddTrigger<T>(t => t.ForJob(key).WithIdentity($"{name}-every").StartNow().WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()));
    }
}
