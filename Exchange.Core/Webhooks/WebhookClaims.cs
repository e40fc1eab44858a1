using System.Globalization;
using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Webhooks;

/// <summary>
/// How a node claims due messages, at most one per endpoint: it reads the oldest due messages of
/// enabled endpoints without locking, then for each endpoint locks one of them, skipping any another
/// node holds (PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>, SQL Server <c>UPDLOCK, READPAST</c>; on
/// SQLite the transaction is the only writer). Locking the whole read instead would hide every due
/// message from the other nodes while one node claims a few. A message is due when it waits and its
/// time has come, or when the node that claimed it let the lease run out.
/// </summary>
internal static class WebhookClaims
{
    private const int Window = 200;

    /// <summary>Up to <paramref name="slots"/> due messages, one per endpoint not in <paramref name="busyEndpoints"/>, locked for the calling transaction.</summary>
    public static async Task<List<long>> LockDueAsync(ExchangeDbContext db, DateTime now, IReadOnlyCollection<long> busyEndpoints, int slots, CancellationToken cancellationToken)
    {
        var due = await db.WebhookMessages
            .Where(m => (m.State == WebhookMessageState.Pending && m.NextAttemptAt <= now) || (m.State == WebhookMessageState.Sending && m.ClaimedUntil < now))
            .Where(m => !busyEndpoints.Contains(m.EndpointId) && db.WebhookEndpoints.Any(e => e.Id == m.EndpointId && e.DisabledAt == null))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.EndpointId })
            .Take(Window)
            .ToListAsync(cancellationToken);
        var locked = new List<long>();
        foreach (var endpoint in due.GroupBy(m => m.EndpointId).Take(slots))
        {
            if (await LockOneAsync(db, now, [.. endpoint.Select(m => m.Id)], cancellationToken) is { } id)
                locked.Add(id);
        }
        return locked;
    }

    /// <summary>Locks the oldest of <paramref name="candidates"/> (one endpoint's) still due and not held by another node.</summary>
    public static async Task<long?> LockOneAsync(ExchangeDbContext db, DateTime now, IReadOnlyCollection<long> candidates, CancellationToken cancellationToken)
    {
        var sql = new SqlStatement(db);
        string M(string property) => sql.Column<WebhookMessage>(property);
        var (messages, id, state, next, claimedUntil) = (sql.Table<WebhookMessage>(), M(nameof(WebhookMessage.Id)), M(nameof(WebhookMessage.State)),
            M(nameof(WebhookMessage.NextAttemptAt)), M(nameof(WebhookMessage.ClaimedUntil)));
        // Ids are numbers the node read, written as literals; the times and states are parameters.
        var ids = string.Join(", ", candidates.Select(c => c.ToString(CultureInfo.InvariantCulture)));
        var where = $"{id} IN ({ids}) AND (({state} = {{0}} AND {next} <= {{2}}) OR ({state} = {{1}} AND {claimedUntil} < {{2}}))";
        var query = db.Database.IsNpgsql()
            ? $"SELECT {id} AS \"Value\" FROM {messages} WHERE {where} ORDER BY {next}, {id} LIMIT 1 FOR UPDATE SKIP LOCKED"
            : db.Database.IsSqlServer()
                ? $"SELECT TOP (1) {id} AS [Value] FROM {messages} WITH (UPDLOCK, READPAST, ROWLOCK) WHERE {where} ORDER BY {next}, {id}"
                : $"SELECT {id} AS \"Value\" FROM {messages} WHERE {where} ORDER BY {next}, {id} LIMIT 1";
        var locked = await db.Database.SqlQueryRaw<long>(query, nameof(WebhookMessageState.Pending), nameof(WebhookMessageState.Sending), now).ToListAsync(cancellationToken);
        return locked.Count == 0 ? null : locked[0];
    }
}
