using Exchange.Core.Data;
using Exchange.Core.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Webhooks;

/// <summary>
/// What follows an attempt, recorded in one transaction with the attempt itself. A 2xx delivers the
/// message and ends the endpoint's run of failures. Anything else waits for the next attempt on the
/// spec's schedule (5 s, 5 min, 30 min, 2 h, 5 h, then every 10 h, each with ±10% jitter, or later
/// when the receiver asks so with <c>Retry-After</c>), until the message has failed for
/// <see cref="WebhookOptions.GiveUpAfter"/>. A 410 Gone, or an endpoint whose every delivery failed
/// for that long, disables the endpoint, fails its waiting messages and tells its owner (a notice,
/// so the bell and a mail).
/// </summary>
public sealed class WebhookOutcomes(IDbContextFactory<ExchangeDbContext> contexts, IOptions<WebhookOptions> options, TimeProvider time)
{
    public static readonly IReadOnlyList<TimeSpan> Schedule =
        [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10)];

    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromDays(1);

    /// <summary>The wait after a message's <paramref name="attempts"/>-th failed attempt, before jitter.</summary>
    public static TimeSpan WaitAfter(int attempts) => Schedule[Math.Clamp(attempts - 1, 0, Schedule.Count - 1)];

    public async Task<WebhookMessageState> RecordAsync(WebhookMessage message, WebhookEndpoint endpoint, WebhookOutcome outcome, TimeSpan duration, string node)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Recorded whatever the cancellation: the delivery was made, or the attempt counts.
        var none = CancellationToken.None;
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(none);
        db.WebhookAttempts.Add(WebhookAttempt.Of(message, now, outcome, duration, node));
        await db.SaveChangesAsync(none);
        var endpointRow = db.WebhookEndpoints.Where(e => e.Id == endpoint.Id);
        var ours = db.WebhookMessages.Where(m => m.Id == message.Id && m.ClaimedBy == node && m.State == WebhookMessageState.Sending);
        WebhookMessageState state;
        if (outcome.Succeeded)
        {
            state = WebhookMessageState.Delivered;
            await endpointRow.ExecuteUpdateAsync(s => s.SetProperty(e => e.FailingSince, (DateTime?)null), none);
            await ours.ExecuteUpdateAsync(s => s.SetProperty(m => m.State, state).SetProperty(m => m.DeliveredAt, now).SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                .SetProperty(m => m.LastStatusCode, outcome.StatusCode).SetProperty(m => m.LastError, (string?)null), none);
        }
        else
        {
            await endpointRow.ExecuteUpdateAsync(s => s.SetProperty(e => e.FailingSince, e => e.FailingSince ?? now), none);
            var failingSince = await endpointRow.Select(e => e.FailingSince).SingleOrDefaultAsync(none) ?? now;
            var disable = outcome.Gone ? "it answered 410 Gone, which asks for no more deliveries."
                : now - failingSince >= options.Value.GiveUpAfter ? $"every delivery to it failed for {Days(options.Value.GiveUpAfter)}."
                : null;
            var giveUp = disable is not null || now - message.RoundStartedAt >= options.Value.GiveUpAfter;
            state = giveUp ? WebhookMessageState.Failed : WebhookMessageState.Pending;
            var next = giveUp ? now : now + Wait(message.Attempts, outcome.RetryAfter);
            await ours.ExecuteUpdateAsync(s => s.SetProperty(m => m.State, state).SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                .SetProperty(m => m.LastStatusCode, outcome.StatusCode).SetProperty(m => m.LastError, Limits.Fit(outcome.Response, WebhookMessage.ErrorLength)), none);
            if (disable is not null)
                await DisableAsync(db, endpoint, disable, now, none);
        }
        await transaction.CommitAsync(none);
        return state;
    }

    /// <summary>Disables the endpoint (once, whichever node gets there first), fails what waits for it, and writes the owner's notice.</summary>
    internal static async Task DisableAsync(ExchangeDbContext db, WebhookEndpoint endpoint, string reason, DateTime now, CancellationToken cancellationToken)
    {
        var disabled = await db.WebhookEndpoints.Where(e => e.Id == endpoint.Id && e.DisabledAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.DisabledAt, now).SetProperty(e => e.DisabledReason, Limits.Fit(reason, WebhookEndpoint.DescriptionLength)), cancellationToken);
        if (disabled == 0) return;
        await db.WebhookMessages.Where(m => m.EndpointId == endpoint.Id && m.State == WebhookMessageState.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, WebhookMessageState.Failed).SetProperty(m => m.LastError, "Not sent: the endpoint was disabled."), cancellationToken);
        NoticeLog.Add(db, NoticeTypes.WebhookEndpointDisabled, endpoint.OwnerId, new NoticeData()
            .With("endpoint", endpoint.Id).With("url", endpoint.Url).With("reason", "The endpoint was disabled: " + reason).With("page", WebhookEndpoints.PageOf(endpoint.Audience)), now);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static TimeSpan Wait(int attempts, TimeSpan? retryAfter)
    {
        var wait = WaitAfter(attempts) * (0.9 + 0.2 * Random.Shared.NextDouble());
        return retryAfter is { } asked && asked > wait ? (asked < LongestRetryAfter ? asked : LongestRetryAfter) : wait;
    }

    private static string Days(TimeSpan span) => span.TotalDays >= 1 ? $"{span.TotalDays:0.#} days" : $"{span.TotalHours:0.#} hours";
}
