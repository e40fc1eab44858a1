using Exchange.Core.Accounts;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Monitoring;

/// <summary>
/// What <c>/health/ready</c> answers whom. The management port and signed-in operators get every
/// check, run for them. Anyone else gets the overall status only, from a report at most
/// <see cref="HealthOptions.AnonymousReadyCache"/> old that concurrent callers share, so anonymous
/// probes cannot make the node call Hub or the database as often as they like. One instance for the app's life.
/// </summary>
public sealed class ReadinessReports(HealthCheckService health, IOptions<HealthOptions> options, IOptions<MetricsOptions> metrics, TimeProvider time)
{
    private readonly Lock gate = new();
    private Task<HealthReport>? shared;
    private DateTimeOffset sharedAt;

    public async Task WriteAsync(HttpContext context)
    {
        var detailed = SeesDetails(context);
        var report = detailed ? await RunAsync(context.RequestAborted) : await SharedAsync();
        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        if (detailed) await HealthReportJson.WriteAsync(context, report);
        else await HealthReportJson.WriteStatusAsync(context, report.Status);
    }

    private bool SeesDetails(HttpContext context) =>
        metrics.Value.ManagementPort == context.Connection.LocalPort || context.User.IsInRole(Roles.Operator);

    private Task<HealthReport> RunAsync(CancellationToken cancellationToken) =>
        health.CheckHealthAsync(r => r.Tags.Contains(MonitoringServiceCollectionExtensions.Ready), cancellationToken);

    // Not cancelled with the caller that started it: the others wait on the same run.
    private Task<HealthReport> SharedAsync()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (shared is null || shared.IsFaulted || shared.IsCanceled || now - sharedAt >= options.Value.AnonymousReadyCache)
            {
                shared = RunAsync(CancellationToken.None);
                sharedAt = now;
            }
            return shared;
        }
    }
}
