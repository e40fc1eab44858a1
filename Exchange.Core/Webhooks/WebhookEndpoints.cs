using Exchange.Core.Accounts;
using Exchange.Core.Audit;
using Exchange.Core.Data;
using Exchange.Core.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Webhooks;

/// <summary>
/// Who manages endpoints, and the code they gave for this one change: a user their own endpoints
/// (their two-factor code when two-factor is on), an operator the operators' (the step-up code, always).
/// </summary>
public sealed record WebhookActor(string UserId, WebhookAudience Audience, string? TwoFactorCode = null);

/// <summary>An endpoint to register.</summary>
public sealed record WebhookRegistration(string? Url, string? Description, IReadOnlyCollection<string> EventTypes);

public enum WebhookRefusal
{
    None,
    /// <summary>No such endpoint (or message) of the actor's.</summary>
    NotFound,
    /// <summary>The two-factor or step-up code was missing or wrong.</summary>
    Code,
    /// <summary>The input or the endpoint's state does not allow it.</summary>
    Invalid,
}

/// <summary>A change's outcome: the endpoint, the secret when one was made (shown only now), or why nothing changed.</summary>
public sealed record WebhookChange(WebhookEndpoint? Endpoint, string? Secret, string? Problem, WebhookRefusal Refusal = WebhookRefusal.None)
{
    public bool Succeeded => Problem is null;

    public static WebhookChange Refused(string problem, WebhookRefusal refusal = WebhookRefusal.Invalid) => new(null, null, problem, refusal);
}

/// <summary>
/// Registering, rotating, enabling and deleting endpoints. An endpoint sends the owner's events
/// wherever its URL points, so a stolen session must not be able to add one quietly: every such
/// change takes the code (see <see cref="WebhookActor"/>), a new endpoint or secret is a security
/// notice (always mailed), and an operator's changes are audited. Sending a test event and
/// redelivering a message only repeat what an endpoint already receives, so they take no code.
/// </summary>
public sealed class WebhookEndpoints(IDbContextFactory<ExchangeDbContext> contexts, WebhookSecrets secrets, WebhookTargets targets, ITwoFactorVerifier twoFactor,
    OperatorStepUp stepUp, AuditLog audit, IOptions<WebhookOptions> options, TimeProvider time)
{
    public static string PageOf(WebhookAudience audience) => audience == WebhookAudience.Operators ? "/operator/webhooks" : "/settings/webhooks";

    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(WebhookActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await Owned(db, actor).AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
    }

    public async Task<WebhookChange> CreateAsync(WebhookActor actor, WebhookRegistration registration, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = contexts.CreateDbContext();
        if (await RegistrationProblemAsync(db, actor, registration, cancellationToken) is { } problem)
            return WebhookChange.Refused(problem);
        if (await CodeProblemAsync(actor, cancellationToken) is { } codeProblem)
            return WebhookChange.Refused(codeProblem, WebhookRefusal.Code);
        var (secret, stored) = secrets.Create();
        var types = WebhookEvents.For(actor.Audience).Where(registration.EventTypes.Contains).ToList();
        var endpoint = WebhookEndpoint.Register(actor.UserId, actor.Audience, registration.Url!.Trim(), registration.Description?.Trim() ?? "", types, stored, now);
        db.WebhookEndpoints.Add(endpoint);
        NoticeLog.Add(db, NoticeTypes.WebhookEndpointChanged, actor.UserId, Told(endpoint, "added").With("events", string.Join(", ", types)), now);
        await AuditAsync(db, actor, "Webhook endpoint added", endpoint, null, $"{endpoint.Url} for {string.Join(", ", types)}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookChange(endpoint, secret, null);
    }

    public Task<WebhookChange> RotateAsync(WebhookActor actor, long id, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, (db, endpoint) =>
        {
            var (secret, stored) = secrets.Create();
            endpoint.Rotate(stored, Now + options.Value.RotationGrace);
            NoticeLog.Add(db, NoticeTypes.WebhookEndpointChanged, actor.UserId, Told(endpoint, "given a new secret"), Now);
            return ("Webhook secret rotated", secret);
        }, cancellationToken);

    public Task<WebhookChange> EnableAsync(WebhookActor actor, long id, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, (_, endpoint) =>
        {
            if (endpoint.Enabled) return (null, null);
            endpoint.Enable();
            return ("Webhook endpoint enabled", null);
        }, cancellationToken);

    public Task<WebhookChange> DeleteAsync(WebhookActor actor, long id, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, (db, endpoint) =>
        {
            db.WebhookEndpoints.Remove(endpoint);
            return ("Webhook endpoint deleted", null);
        }, cancellationToken);

    /// <summary>Queues a <c>webhook.test</c> event for the endpoint alone, sent at once.</summary>
    public async Task<WebhookChange> SendTestAsync(WebhookActor actor, long id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        if (await Owned(db, actor).SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is not { } endpoint)
            return WebhookChange.Refused(NotFound(id), WebhookRefusal.NotFound);
        if (!endpoint.Enabled)
            return WebhookChange.Refused("The endpoint is disabled; enable it first.");
        db.WebhookMessages.Add(WebhookMessage.Of(endpoint.Id, null, WebhookEvents.Test, WebhookPayloads.Test(endpoint.Id, Now), Now));
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookChange(endpoint, null, null);
    }

    /// <summary>Sends a message again, now: the same <c>webhook-id</c> and body, a new timestamp and signature, a new round of attempts.</summary>
    public async Task<WebhookChange> RedeliverAsync(WebhookActor actor, long endpointId, long messageId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = contexts.CreateDbContext();
        if (await Owned(db, actor).SingleOrDefaultAsync(e => e.Id == endpointId, cancellationToken) is not { } endpoint)
            return WebhookChange.Refused(NotFound(endpointId), WebhookRefusal.NotFound);
        if (!endpoint.Enabled)
            return WebhookChange.Refused("The endpoint is disabled; enable it first.");
        var redelivered = await db.WebhookMessages.Where(m => m.Id == messageId && m.EndpointId == endpointId && m.State != WebhookMessageState.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, WebhookMessageState.Pending).SetProperty(m => m.Attempts, 0).SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.RoundStartedAt, now).SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null), cancellationToken);
        return redelivered == 1 ? new WebhookChange(endpoint, null, null)
            : WebhookChange.Refused($"Message {messageId} of this endpoint is being sent right now, or there is no such message.", WebhookRefusal.NotFound);
    }

    /// <summary>The endpoint's newest messages with their attempts, newest first: the delivery log.</summary>
    public async Task<IReadOnlyList<WebhookLogEntry>> LogAsync(WebhookActor actor, long endpointId, int count = 50, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        if (!await Owned(db, actor).AnyAsync(e => e.Id == endpointId, cancellationToken)) return [];
        var messages = await db.WebhookMessages.AsNoTracking().Where(m => m.EndpointId == endpointId).OrderByDescending(m => m.Id).Take(count).ToListAsync(cancellationToken);
        var ids = messages.Select(m => m.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.MessageId)).OrderBy(a => a.Id).ToListAsync(cancellationToken)).ToLookup(a => a.MessageId);
        return [.. messages.Select(m => new WebhookLogEntry(m, [.. attempts[m.Id]]))];
    }

    private async Task<WebhookChange> ChangeAsync(WebhookActor actor, long id, Func<ExchangeDbContext, WebhookEndpoint, (string? Action, string? Secret)> change, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        if (await Owned(db, actor).SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is not { } endpoint)
            return WebhookChange.Refused(NotFound(id), WebhookRefusal.NotFound);
        if (await CodeProblemAsync(actor, cancellationToken) is { } problem)
            return WebhookChange.Refused(problem, WebhookRefusal.Code);
        var (action, secret) = change(db, endpoint);
        if (action is not null)
            await AuditAsync(db, actor, action, endpoint, endpoint.Url, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookChange(endpoint, secret, null);
    }

    private static IQueryable<WebhookEndpoint> Owned(ExchangeDbContext db, WebhookActor actor) => actor.Audience == WebhookAudience.Operators
        ? db.WebhookEndpoints.Where(e => e.Audience == WebhookAudience.Operators)
        : db.WebhookEndpoints.Where(e => e.Audience == WebhookAudience.User && e.OwnerId == actor.UserId);

    private async Task<string?> RegistrationProblemAsync(ExchangeDbContext db, WebhookActor actor, WebhookRegistration registration, CancellationToken cancellationToken)
    {
        var offered = WebhookEvents.For(actor.Audience);
        if (actor.Audience == WebhookAudience.Operators && !await IsOperatorAsync(db, actor.UserId, cancellationToken))
            return "Only operators can register endpoints for the operators' events.";
        if (registration.Description?.Trim().Length > WebhookEndpoint.DescriptionLength)
            return $"A description can be at most {WebhookEndpoint.DescriptionLength} characters.";
        if (registration.EventTypes.Count == 0)
            return "Choose at least one event type: " + string.Join(", ", offered) + ".";
        if (registration.EventTypes.FirstOrDefault(t => !offered.Contains(t)) is { } unknown)
            return $"Unknown event type '{unknown}'. Event types: {string.Join(", ", offered)}.";
        if (await targets.ProblemAsync(registration.Url, cancellationToken) is { } badUrl)
            return badUrl;
        var url = registration.Url!.Trim();
        var existing = await Owned(db, actor).Select(e => e.Url).ToListAsync(cancellationToken);
        if (existing.Contains(url, StringComparer.OrdinalIgnoreCase))
            return $"{url} is registered already; delete it first to register it again.";
        if (existing.Count >= options.Value.MaxEndpointsPerOwner)
            return $"At most {options.Value.MaxEndpointsPerOwner} endpoints can be registered; delete one first.";
        return null;
    }

    private async Task<string?> CodeProblemAsync(WebhookActor actor, CancellationToken cancellationToken) =>
        actor.Audience == WebhookAudience.Operators ? await stepUp.ProblemAsync(actor.UserId, actor.TwoFactorCode, cancellationToken)
        : await twoFactor.IsEnabledAsync(actor.UserId, cancellationToken) ? await twoFactor.ProblemAsync(actor.UserId, actor.TwoFactorCode, cancellationToken)
        : null;

    private static Task<bool> IsOperatorAsync(ExchangeDbContext db, string userId, CancellationToken cancellationToken) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Operator), cancellationToken);

    private async Task AuditAsync(ExchangeDbContext db, WebhookActor actor, string action, WebhookEndpoint endpoint, string? before, string? after, CancellationToken cancellationToken)
    {
        if (actor.Audience == WebhookAudience.Operators)
            await audit.AddAsync(db, new OperatorAction(actor.UserId, action, Limits.Fit($"webhook endpoint {endpoint.Url}", Limits.AuditSubject), before, after), cancellationToken);
    }

    private static NoticeData Told(WebhookEndpoint endpoint, string change) =>
        new NoticeData().With("url", endpoint.Url).With("change", change).With("page", PageOf(endpoint.Audience));

    public static string NotFound(long id) => $"There is no webhook endpoint {id} of yours.";

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}

/// <summary>A message and its attempts, as the delivery log shows them.</summary>
public sealed record WebhookLogEntry(WebhookMessage Message, IReadOnlyList<WebhookAttempt> Attempts);
