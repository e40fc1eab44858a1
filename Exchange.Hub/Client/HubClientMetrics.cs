using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Exchange.Hub.Client;

/// <summary>
/// Every Hub call, by command: how long it took and how it ended (<c>ok</c>, <c>hub_error</c>: Hub
/// answered with an error, <c>transport_error</c>: no usable answer). Retries count as calls.
/// </summary>
public sealed class HubClientMetrics
{
    public const string MeterName = "Exchange.Hub.Client";

    private readonly Histogram<double> duration;
    private readonly Counter<long> errors;

    public HubClientMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        duration = meter.CreateHistogram("hub.client.duration", "s", "How long one Hub call took, by command and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        errors = meter.CreateCounter<long>("hub.client.errors", "{error}", "Hub calls that failed, by command and error (transport, or Hub's error name).");
    }

    public void Record(string command, TimeSpan elapsed, Exception? failure)
    {
        var outcome = failure switch
        {
            null => "ok",
            HubCommandException => "hub_error",
            _ => "transport_error",
        };
        duration.Record(elapsed.TotalSeconds, new TagList { { "command", command }, { "outcome", outcome } });
        if (failure is null) return;
        var error = failure is HubCommandException refused ? refused.Error.ToString() : "transport";
        errors.Add(1, new TagList { { "command", command }, { "error", error } });
    }
}
