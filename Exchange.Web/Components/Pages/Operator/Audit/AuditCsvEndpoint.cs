using Exchange.Core.Accounts;
using Exchange.Core.Audit;

namespace Exchange.Web.Components.Pages.Operator.Audit;

public static class AuditCsvEndpoint
{
    /// <summary><c>GET /operator/audit.csv?operator=&amp;action=&amp;subject=&amp;from=&amp;to=</c>: the filtered audit log, operators only.</summary>
    public static IEndpointRouteBuilder MapAuditCsv(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/operator/audit.csv", async (AuditLog log, string? @operator, string? action, string? subject, DateOnly? from, DateOnly? to, CancellationToken cancellationToken) =>
        {
            var csv = await log.CsvAsync(new AuditFilter(@operator, action, subject, from, to), cancellationToken);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv", "exchange-audit.csv");
        }).RequireAuthorization(policy => policy.RequireRole(Roles.Operator));
        return endpoints;
    }
}
