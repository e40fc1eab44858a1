using System.Globalization;
using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Webhooks;

/// <summary>
/// Due messages of enabled endpoints, oldest due first, locked for the claiming transaction: rows
/// another node holds are skipped, not waited for (PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>, SQL
/// Server <c>UPDLOCK, READPAST</c>); on SQLite the transaction is the only writer. A message is due
/// when it waits and its time has come, or when the node that claimed it let the lease run out.
/// </summary>
internal static class WebhookClaims
{
    public sealed class Candidate
    {
        public long Id { get; set; }
        public long EndpointId { get; set; }
    }

    public static async Task<List<Candidate>> DueAsync(ExchangeDbContext db, DateTime now, IReadOnlyCollection<long> busyEndpoints, int count, CancellationToken cancellationToken)
    {
        var sql = new SqlStatement(db);
        string M(string property) => sql.Column<WebhookMessage>(property);
        var (messages, endpoints) = (sql.Table<WebhookMessage>(), sql.Table<WebhookEndpoint>());
        var (id, endpointId, state, next, claimedUntil) = (M(nameof(WebhookMessage.Id)), M(nameof(WebhookMessage.EndpointId)), M(nameof(WebhookMessage.State)),
            M(nameof(WebhookMessage.NextAttemptAt)), M(nameof(WebhookMessage.ClaimedUntil)));
        var (endpointKey, disabled) = (sql.Column<WebhookEndpoint>(nameof(WebhookEndpoint.Id)), sql.Column<WebhookEndpoint>(nameof(WebhookEndpoint.DisabledAt)));
        // Ids are numbers the node holds, written as literals; the times and states are parameters.
        var notBusy = busyEndpoints.Count == 0 ? "" : $" AND {endpointId} NOT IN ({string.Join(", ", busyEndpoints.Select(b => b.ToString(CultureInfo.InvariantCulture)))})";
        var where = $"(({state} = {{0}} AND {next} <= {{2}}) OR ({state} = {{1}} AND {claimedUntil} < {{2}})){notBusy} " +
                    $"AND {endpointId} IN (SELECT {endpointKey} FROM {endpoints} WHERE {disabled} IS NULL)";
        var query = db.Database.IsNpgsql()
            ? $"SELECT {id} AS \"Id\", {endpointId} AS \"EndpointId\" FROM {messages} WHERE {where} ORDER BY {next}, {id} LIMIT {count} FOR UPDATE SKIP LOCKED"
            : db.Database.IsSqlServer()
                ? $"SELECT TOP ({count}) {id} AS [Id], {endpointId} AS [EndpointId] FROM {messages} WITH (UPDLOCK, READPAST, ROWLOCK) WHERE {where} ORDER BY {next}, {id}"
                : $"SELECT {id} AS \"Id\", {endpointId} AS \"EndpointId\" FROM {messages} WHERE {where} ORDER BY {next}, {id} LIMIT {count}";
        return await db.Database.SqlQueryRaw<Candidate>(query, nameof(WebhookMessageState.Pending), nameof(WebhookMessageState.Sending), now).ToListAsync(cancellationToken);
    }
}
