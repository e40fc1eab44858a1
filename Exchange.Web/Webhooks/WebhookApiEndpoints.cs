using Exchange.Core.Accounts;
using Exchange.Core.Webhooks;
using Exchange.Web.Api;
using Exchange.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Web.Webhooks;

/// <summary>
/// <c>/api/v1/webhooks</c>: the user's own endpoints, for the login cookie or a key with the
/// <c>webhooks</c> scope. Registering, rotating, enabling and deleting take the two-factor code
/// (when two-factor is on) as <c>twoFactorCode</c> in the body or the <c>X-Two-Factor-Code</c> header;
/// a secret is in the answer that made it, and never again.
/// </summary>
public static class WebhookApiEndpoints
{
    public sealed record EndpointInput(string? Url, string? Description, IReadOnlyList<string>? EventTypes, string? TwoFactorCode = null);
    public sealed record CodeInput(string? TwoFactorCode = null);
    public sealed record EndpointView(long Id, string Url, string Description, IReadOnlyList<string> EventTypes, bool Enabled, DateTime CreatedAt,
        DateTime? DisabledAt, string? DisabledReason, DateTime? PreviousSecretUntil);
    /// <summary>An endpoint with its secret: the answer to registering or rotating, the only time the secret is shown.</summary>
    public sealed record CreatedView(EndpointView Endpoint, string Secret);
    public sealed record AttemptView(DateTime At, bool Succeeded, int? StatusCode, int DurationMs, string Response);
    public sealed record MessageView(long Id, string WebhookId, string Type, string State, int Attempts, DateTime CreatedAt, DateTime? DeliveredAt,
        DateTime NextAttemptAt, string Payload, IReadOnlyList<AttemptView> AttemptLog);

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/webhooks").RequireAuthorization(ApiEndpoints.Policy).RequireAuthorization(ScopePolicies.For(ApiKeyScopes.Webhooks))
            .RequireAntiforgeryForCookieWrites().RequireRateLimiting(RateLimits.ApiWrites).WithTags("Webhooks");
        api.MapGet("", async (HttpContext context, WebhookEndpoints hooks) => TypedResults.Ok((await hooks.ListAsync(Actor(context))).Select(View).ToList()));
        api.MapGet("/event-types", () => TypedResults.Ok(WebhookEvents.ForUsers));
        api.MapPost("", CreateAsync);
        api.MapPost("/{id:long}/rotate", (long id, CodeInput? input, HttpContext context, WebhookEndpoints hooks) =>
            SecretAsync(hooks.RotateAsync(Actor(context, input?.TwoFactorCode), id)));
        api.MapPost("/{id:long}/enable", (long id, CodeInput? input, HttpContext context, WebhookEndpoints hooks) =>
            OutcomeAsync(hooks.EnableAsync(Actor(context, input?.TwoFactorCode), id)));
        api.MapDelete("/{id:long}", (long id, HttpContext context, WebhookEndpoints hooks) => OutcomeAsync(hooks.DeleteAsync(Actor(context), id)));
        api.MapPost("/{id:long}/test", (long id, HttpContext context, WebhookEndpoints hooks) => OutcomeAsync(hooks.SendTestAsync(Actor(context), id)));
        api.MapGet("/{id:long}/deliveries", DeliveriesAsync);
        api.MapPost("/{id:long}/deliveries/{messageId:long}/redeliver", (long id, long messageId, HttpContext context, WebhookEndpoints hooks) =>
            OutcomeAsync(hooks.RedeliverAsync(Actor(context), id, messageId)));
        return endpoints;
    }

    private static async Task<Results<Created<CreatedView>, ProblemHttpResult>> CreateAsync(EndpointInput input, HttpContext context, WebhookEndpoints hooks)
    {
        var change = await hooks.CreateAsync(Actor(context, input.TwoFactorCode), new WebhookRegistration(input.Url, input.Description, input.EventTypes ?? []));
        return change.Succeeded
            ? TypedResults.Created($"/api/v1/webhooks/{change.Endpoint!.Id}", new CreatedView(View(change.Endpoint), change.Secret!))
            : Problem(change);
    }

    private static async Task<Results<Ok<List<MessageView>>, ProblemHttpResult>> DeliveriesAsync(long id, HttpContext context, WebhookEndpoints hooks)
    {
        var actor = Actor(context);
        if (!(await hooks.ListAsync(actor)).Any(e => e.Id == id))
            return Problem(WebhookChange.Refused(WebhookEndpoints.NotFound(id), WebhookRefusal.NotFound));
        return TypedResults.Ok((await hooks.LogAsync(actor, id)).Select(View).ToList());
    }

    private static async Task<Results<Ok<CreatedView>, ProblemHttpResult>> SecretAsync(Task<WebhookChange> changing)
    {
        var change = await changing;
        return change.Succeeded ? TypedResults.Ok(new CreatedView(View(change.Endpoint!), change.Secret!)) : Problem(change);
    }

    private static async Task<Results<Ok<EndpointView>, ProblemHttpResult>> OutcomeAsync(Task<WebhookChange> changing)
    {
        var change = await changing;
        return change.Succeeded ? TypedResults.Ok(View(change.Endpoint!)) : Problem(change);
    }

    private static ProblemHttpResult Problem(WebhookChange change) => change.Refusal switch
    {
        WebhookRefusal.NotFound => TypedResults.Problem(change.Problem, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        WebhookRefusal.Code => TypedResults.Problem(change.Problem, statusCode: StatusCodes.Status403Forbidden, title: "Two-factor code needed"),
        _ => TypedResults.Problem(change.Problem, statusCode: StatusCodes.Status400BadRequest, title: "Nothing was changed"),
    };

    /// <summary>The signed-in user, with the code of this request: the header, else the body's.</summary>
    private static WebhookActor Actor(HttpContext context, string? bodyCode = null) =>
        new(ApiEndpoints.User(context), WebhookAudience.User,
            context.Request.Headers[OperatorApiEndpoints.TwoFactorHeader].FirstOrDefault() is { Length: > 0 } header ? header : bodyCode);

    private static EndpointView View(WebhookEndpoint e) => new(e.Id, e.Url, e.Description, e.EventList, e.Enabled, Utc(e.CreatedAt),
        e.DisabledAt is { } d ? Utc(d) : null, e.DisabledReason, e.PreviousSecretUntil is { } p ? Utc(p) : null);

    private static MessageView View(WebhookLogEntry entry)
    {
        var m = entry.Message;
        return new(m.Id, m.MessageId, m.Type, m.State.ToString(), m.Attempts, Utc(m.CreatedAt), m.DeliveredAt is { } d ? Utc(d) : null, Utc(m.NextAttemptAt), m.Payload,
            entry.Attempts.Select(a => new AttemptView(Utc(a.At), a.Succeeded, a.StatusCode, a.DurationMs, a.Response)).ToList());
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
