using System.Globalization;
using System.Text;
using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Audit;

/// <summary>Filters of the audit log; text filters match anywhere, dates are whole UTC days.</summary>
public sealed record AuditFilter(string? Operator = null, string? Action = null, string? Subject = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// The record of operator actions. An action is written inside the transaction of the change it
/// describes, so the log never shows what did not happen, nor misses what did.
/// </summary>
public sealed class AuditLog(IDbContextFactory<ExchangeDbContext> contexts, TimeProvider time)
{
    /// <summary>Adds the entry to <paramref name="db"/>; the caller's SaveChanges and commit write it.</summary>
    public async Task AddAsync(ExchangeDbContext db, OperatorAction action, CancellationToken cancellationToken = default)
    {
        var email = await db.Users.Where(u => u.Id == action.OperatorId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        db.AuditLog.Add(AuditEntry.Of(action, email ?? action.OperatorId, time.GetUtcNow().UtcDateTime));
    }

    /// <summary>Records an action that changes nothing else in the database (e.g. a call to Hub).</summary>
    public async Task RecordAsync(OperatorAction action, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        await AddAsync(db, action, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> FindAsync(AuditFilter filter, int count = 200, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await Filtered(db, filter).OrderByDescending(e => e.Id).Take(count).ToListAsync(cancellationToken);
    }

    public async Task<string> CsvAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var csv = new StringBuilder("time_utc,operator,action,subject,before,after,reason\n");
        await foreach (var e in Filtered(db, filter).OrderByDescending(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            csv.Append(CultureInfo.InvariantCulture, $"{e.At:yyyy-MM-ddTHH:mm:ssZ},{Csv.Field(e.OperatorEmail)},{Csv.Field(e.Action)},{Csv.Field(e.Subject)},")
                .Append(CultureInfo.InvariantCulture, $"{Csv.Field(e.Before)},{Csv.Field(e.After)},{Csv.Field(e.Reason)}\n");
        return csv.ToString();
    }

    private static IQueryable<AuditEntry> Filtered(ExchangeDbContext db, AuditFilter filter)
    {
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Operator)) query = query.Where(e => e.OperatorEmail.Contains(filter.Operator.Trim()));
        if (!string.IsNullOrWhiteSpace(filter.Action)) query = query.Where(e => e.Action.Contains(filter.Action.Trim()));
        if (!string.IsNullOrWhiteSpace(filter.Subject)) query = query.Where(e => e.Subject.Contains(filter.Subject.Trim()));
        if (filter.From is { } from) query = query.Where(e => e.At >= from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        if (filter.To is { } to) query = query.Where(e => e.At < to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        return query;
    }
}
