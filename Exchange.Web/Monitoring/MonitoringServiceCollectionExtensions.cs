using System.Diagnostics.Metrics;
using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Exchange.Core.Monitoring;
using Exchange.Hub.Client;
using Exchange.Web.Api;
using Exchange.Web.Jobs;
using Exchange.Web.Security;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Exchange.Web.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>The tag of every check <c>/health/ready</c> runs; a feature adds its own check with it.</summary>
    public const string Ready = "ready";

    public const string MetricsPath = "/metrics";

    /// <summary>Health checks, OpenTelemetry metrics (the exchange's, ASP.NET Core's, HttpClient's, the runtime's) and the JSON console.</summary>
    public static WebApplicationBuilder AddMonitoring(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.Logging.AddExchangeConsole(builder.Environment);
        services.AddOptions<MetricsOptions>().Bind(builder.Configuration.GetSection(MetricsOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.ManagementAddressIsValid(), "Metrics:ManagementAddress must be an IP address (e.g. 127.0.0.1, or 0.0.0.0 for every IPv4 interface) or *.")
            .ValidateOnStart();
        services.AddOptions<HealthOptions>().Bind(builder.Configuration.GetSection(HealthOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.CheckTimeout > TimeSpan.Zero, "Health:CheckTimeout must be positive.")
            .Validate(o => o.AnonymousReadyCache >= TimeSpan.FromSeconds(1) && o.AnonymousReadyCache <= TimeSpan.FromMinutes(5),
                "Health:AnonymousReadyCache must be between 00:00:01 and 00:05:00.")
            .ValidateOnStart();
        services.AddSingleton<ReadinessReports>();
        AddHealthChecks(builder);
        AddMetrics(builder);
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, LiveCircuits>());
        return builder;
    }

    private static void AddHealthChecks(WebApplicationBuilder builder)
    {
        var health = builder.Configuration.GetSection(HealthOptions.Section).Get<HealthOptions>() ?? new HealthOptions();
        var timeout = health.CheckTimeout > TimeSpan.Zero ? health.CheckTimeout : new HealthOptions().CheckTimeout;
        // Every node shares one Hub and one job store: taking nodes out of the balancer would not
        // bring either back, so they degrade the answer; without the database nothing works.
        var checks = builder.Services.AddHealthChecks()
            .AddDbContextCheck<ExchangeDbContext>("database", HealthStatus.Unhealthy, [Ready])
            .AddCheck<HubHealthCheck>("hub", HealthStatus.Degraded, [Ready], timeout);
        if (builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>()?.Enabled ?? true)
        {
            builder.Services.AddSingleton<JobsHealthCheck>();
            checks.AddCheck<JobsHealthCheck>("jobs", HealthStatus.Degraded, [Ready], timeout);
        }
        builder.Services.Configure<HealthCheckServiceOptions>(o =>
        {
            foreach (var check in o.Registrations.Where(r => r.Name == "database")) check.Timeout = timeout;
        });
    }

    private static void AddMetrics(WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (options.ManagementPort is { } port && options.ManagementAddressIsValid())
            ListenAlsoOn(builder, options.ManagementUrl(port));
        var otlpEndpoint = options.OtlpEndpoint ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("exchange"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ExchangeMetrics.MeterName, HubClientMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                // Meters made by another host's factory in the same process (tests, the benchmarks'
                // hosts) carry the same names: only this app's and the process-wide ones count here.
                if (metrics is IDeferredMeterProviderBuilder deferred)
                    deferred.Configure((services, provider) =>
                    {
                        var own = services.GetRequiredService<IMeterFactory>();
                        provider.AddView(i => i.Meter.Scope is null || ReferenceEquals(i.Meter.Scope, own) ? null : MetricStreamConfiguration.Drop);
                    });
                if (!string.IsNullOrWhiteSpace(otlpEndpoint))
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlpEndpoint));
            });
    }

    // The port joins the app's own addresses (Urls, else HTTP_PORTS, else ASP.NET Core's default), on
    // loopback unless Metrics:ManagementAddress opens it to a scraper in another container.
    // Kestrel:Endpoints, when used, replace Urls: such a set-up lists the management port there itself.
    private static void ListenAlsoOn(WebApplicationBuilder builder, string management)
    {
        var configured = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        var urls = !string.IsNullOrWhiteSpace(configured) ? configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : builder.Configuration[WebHostDefaults.HttpPortsKey] is { Length: > 0 } ports ? ports.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => $"http://*:{p.Trim()}").ToArray()
            : ["http://localhost:5000"];
        builder.WebHost.UseUrls([.. urls, management]);
    }

    /// <summary>First in the pipeline: the management port serves the monitoring endpoints and nothing else.</summary>
    public static WebApplication UseManagementPort(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.ManagementPort is not { } port)
            return app;
        app.UseWhen(c => c.Connection.LocalPort == port, management => management.Use(async (context, next) =>
        {
            if (IsMonitoring(context.Request.Path)) await next(context);
            else context.Response.StatusCode = StatusCodes.Status404NotFound;
        }));
        app.UseOpenTelemetryPrometheusScrapingEndpoint(c => c.Connection.LocalPort == port && c.Request.Path == MetricsPath);
        return app;
    }

    /// <summary>
    /// <c>/health/live</c>: the process answers (no dependency is asked). <c>/health/ready</c>: every
    /// check tagged <see cref="Ready"/>; 503 when one is unhealthy, 200 with "Degraded" when one is
    /// degraded; its details only for some (<see cref="ReadinessReports"/>). Both anonymous and never
    /// rate-limited. <c>/metrics</c> here only without a management port.
    /// </summary>
    public static WebApplication MapMonitoring(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportJson.WriteAsync })
            .AllowAnonymous().DisableRateLimiting();
        app.Map("/health/ready", (HttpContext context, ReadinessReports reports) => reports.WriteAsync(context))
            .AllowAnonymous().DisableRateLimiting();
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.ManagementPort is null)
            app.MapPrometheusScrapingEndpoint(MetricsPath)
                .RequireAuthorization(OperatorApiEndpoints.Policy, ScopePolicies.For(ApiKeyScopes.OperatorRead))
                .DisableRateLimiting();
        return app;
    }

    /// <summary>Paths that answer with status codes for machines: no error pages, no HTTPS redirect (probes and scrapers speak plain HTTP inside the network).</summary>
    public static bool IsMonitoring(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);
}
