using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Exchange.Web.LiveUpdates;

/// <summary>
/// Degraded, never unhealthy, without Redis: the node serves and credits on, only other nodes'
/// events do not reach its pages. Reports what the backplane last proved (a message sent and
/// received back), so it costs no round trip of its own.
/// </summary>
internal sealed class RedisHealthCheck(RedisBackplane backplane) : IHealthCheck
{
    public const string Name = "redis";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(backplane.IsLive
            ? HealthCheckResult.Healthy("Events reach the other nodes over Redis.")
            : HealthCheckResult.Degraded("Redis is unreachable: events reach only the pages of the node that published them, and live pages refresh on a timer."));
}
