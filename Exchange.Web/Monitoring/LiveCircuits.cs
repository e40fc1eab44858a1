using Exchange.Core.Monitoring;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Exchange.Web.Monitoring;

/// <summary>Counts the Blazor circuits open on this node: every interactive page holds one.</summary>
public sealed class LiveCircuits(ExchangeMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}
