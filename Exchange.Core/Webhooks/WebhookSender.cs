using System.Diagnostics;
using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Webhooks;

public sealed record WebhookRun(int Delivered, int Retrying, int Failed)
{
    public string Summary => Delivered + Retrying + Failed == 0 ? "nothing to send" : $"{Delivered} delivered, {Retrying} to retry, {Failed} failed";

    internal WebhookRun Add(WebhookMessageState state) => state switch
    {
        WebhookMessageState.Delivered => this with { Delivered = Delivered + 1 },
        WebhookMessageState.Failed => this with { Failed = Failed + 1 },
        _ => this with { Retrying = Retrying + 1 },
    };
}

/// <summary>
/// The webhooks job's work. Up to <see cref="WebhookOptions.MaxParallelSends"/> deliveries are in
/// flight at once, at most one per endpoint, so a receiver that hangs holds one slot for one timeout
/// while the others go on; whenever a slot frees (and every <see cref="WebhookOptions.PollInterval"/>
/// while all wait) due messages are claimed for the free slots. Claims are rows locked and skipped
/// by other nodes (PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>, SQL Server <c>UPDLOCK, READPAST</c>;
/// SQLite has one writer) and marked with this node's lease; the send happens outside any
/// transaction. A node that dies between a send and its record leaves a claim that expires, and the
/// message goes again with the same <c>webhook-id</c> (at least once).
/// </summary>
public sealed class WebhookSender(IDbContextFactory<ExchangeDbContext> contexts, WebhookDelivery delivery, WebhookSecrets secrets, WebhookTargets targets, WebhookOutcomes outcomes,
    IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookSender> logger)
{
    private readonly string node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public async Task<WebhookRun> RunAsync(CancellationToken cancellationToken)
    {
        var run = new WebhookRun(0, 0, 0);
        var inFlight = new Dictionary<Task<WebhookMessageState>, long>();
        while (true)
        {
            await FillAsync(inFlight, cancellationToken);
            if (inFlight.Count == 0) return run;
            // Paced on the wall clock, not the app's: it only decides how soon due messages are looked for again.
            await Task.WhenAny([.. inFlight.Keys, Task.Delay(options.Value.PollInterval, cancellationToken)]);
            foreach (var finished in inFlight.Keys.Where(t => t.IsCompleted).ToList())
            {
                inFlight.Remove(finished);
                run = run.Add(await finished);
            }
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task FillAsync(Dictionary<Task<WebhookMessageState>, long> inFlight, CancellationToken cancellationToken)
    {
        while (inFlight.Count < options.Value.MaxParallelSends)
        {
            var claimed = await ClaimAsync(options.Value.MaxParallelSends - inFlight.Count, inFlight.Values.ToHashSet(), cancellationToken);
            if (claimed.Count == 0) return;
            foreach (var (message, endpoint) in claimed)
                inFlight.Add(SendAsync(message, endpoint, cancellationToken), endpoint.Id);
        }
    }

    private async Task<List<(WebhookMessage Message, WebhookEndpoint Endpoint)>> ClaimAsync(int slots, HashSet<long> busy, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var picked = await WebhookClaims.LockDueAsync(db, now, busy, slots, cancellationToken);
        if (picked.Count == 0) return [];
        await db.WebhookMessages.Where(m => picked.Contains(m.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, WebhookMessageState.Sending).SetProperty(m => m.ClaimedBy, node)
            .SetProperty(m => m.ClaimedUntil, now + options.Value.ClaimLease).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var messages = await db.WebhookMessages.AsNoTracking().Where(m => picked.Contains(m.Id)).ToListAsync(cancellationToken);
        var endpointIds = messages.Select(m => m.EndpointId).ToList();
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        return [.. messages.OrderBy(m => m.Id).Select(m => (m, endpoints[m.EndpointId]))];
    }

    private async Task<WebhookMessageState> SendAsync(WebhookMessage message, WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var clock = Stopwatch.GetTimestamp();
        var outcome = await SendOnceAsync(message, endpoint, cancellationToken);
        var duration = Stopwatch.GetElapsedTime(clock);
        var state = await outcomes.RecordAsync(message, endpoint, outcome, duration, node);
        if (!outcome.Succeeded)
            logger.LogInformation("Webhook message {MessageId} ({Type}) to endpoint {EndpointId} not delivered, attempt {Attempt}: {Status} {Response}; now {State}",
                message.MessageId, message.Type, endpoint.Id, message.Attempts, outcome.StatusCode, outcome.Response, state);
        return state;
    }

    private async Task<WebhookOutcome> SendOnceAsync(WebhookMessage message, WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        // Checked again at every attempt: the rules may be stricter now than when the endpoint was registered.
        if (targets.UrlProblem(endpoint.Url) is { } problem)
            return new WebhookOutcome(false, null, "Not sent: " + problem);
        try
        {
            var signing = endpoint.SigningSecrets(Now).Select(secrets.Unprotect).ToList();
            return await delivery.SendAsync(new WebhookSend(endpoint.Url, message.MessageId, message.Payload, signing), cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            return new WebhookOutcome(false, null, "Not sent: " + e.Message);
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
