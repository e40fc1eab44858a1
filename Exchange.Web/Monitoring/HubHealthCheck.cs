using Exchange.Hub;
using Exchange.Hub.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Exchange.Web.Monitoring;

/// <summary>Hub answers a cheap read. The description never carries Hub's address or a transport message.</summary>
public sealed class HubHealthCheck(IHubClient hub) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await hub.GetStatsAsync(cancellationToken);
            return HealthCheckResult.Healthy("Hub answers.");
        }
        catch (HubCommandException e)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Hub answers with an error: {e.Error.Text()}.");
        }
        catch (HubTransportException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                "Hub does not answer: the connection failed, timed out, or the answer was not Hub's. Deposits and withdrawals wait until it is back.");
        }
    }
}
