using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Exchange.Web.Monitoring;

/// <summary>Configuration section <c>Metrics</c>: where the metrics go.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// A port of its own where <c>/metrics</c> (and the health endpoints) answer anyone and nothing
    /// else is served; unset, <c>/metrics</c> is on the app's own address for operators only.
    /// </summary>
    [Range(1, 65535, ErrorMessage = "Metrics:ManagementPort must be a TCP port (1-65535).")]
    public int? ManagementPort { get; set; }

    /// <summary>
    /// The address the management port listens on: loopback unless set (an IP address, or <c>*</c>
    /// for every interface, which a scraper in another container needs).
    /// </summary>
    public string ManagementAddress { get; set; } = "127.0.0.1";

    internal bool ManagementAddressIsValid() => ManagementAddress == "*" || IPAddress.TryParse(ManagementAddress, out _);

    /// <summary>The management port's URL for Kestrel.</summary>
    internal string ManagementUrl(int port) =>
        ManagementAddress == "*" ? $"http://*:{port}"
        : IPAddress.Parse(ManagementAddress) is { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } v6 ? $"http://[{v6}]:{port}"
        : $"http://{ManagementAddress}:{port}";

    /// <summary>An OTLP collector (gRPC, e.g. http://collector:4317); the standard OTEL_EXPORTER_OTLP_ENDPOINT works too.</summary>
    [Url(ErrorMessage = "Metrics:OtlpEndpoint must be an absolute URL.")]
    public string? OtlpEndpoint { get; set; }
}

/// <summary>Configuration section <c>Health</c>: what <c>/health/ready</c> calls stale or slow.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>A job is stale when its last run started longer ago than this many of its intervals.</summary>
    [Range(2, 10_000, ErrorMessage = "Health:JobStaleAfterIntervals must be between 2 and 10000.")]
    public int JobStaleAfterIntervals { get; set; } = 20;

    /// <summary>How long one check may take before it counts as failed.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the status-only answer to anonymous callers of <c>/health/ready</c> is reused.</summary>
    public TimeSpan AnonymousReadyCache { get; set; } = TimeSpan.FromSeconds(5);
}
