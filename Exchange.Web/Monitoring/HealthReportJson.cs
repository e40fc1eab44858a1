using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Exchange.Web.Monitoring;

/// <summary>
/// The health answers: for operators, the overall status and each check's name, status, description
/// and duration; for anyone else, the status alone. A check that threw is described by the
/// exception's type only: exception messages can carry hosts, database names or worse.
/// </summary>
public static class HealthReportJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = Describe(e.Value),
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json), context.RequestAborted);
    }

    public static Task WriteStatusAsync(HttpContext context, HealthStatus status)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = status.ToString() }, Json), context.RequestAborted);
    }

    private static string Describe(HealthReportEntry entry) => entry.Exception switch
    {
        OperationCanceledException => "No answer within the check's time limit (Health:CheckTimeout).",
        { } e => $"The check failed ({e.GetType().Name}).",
        null when entry.Description is { Length: > 0 } description => description,
        null => entry.Status == HealthStatus.Healthy ? "OK." : "The check failed.",
    };
}
