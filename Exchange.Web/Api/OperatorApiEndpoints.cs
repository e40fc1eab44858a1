using Exchange.Core.Accounts;
using Exchange.Core.Approvals;
using Exchange.Core.Audit;
using Exchange.Core.Operations;
using Exchange.Core.Sweeps;
using Exchange.Core.Withdrawals;
using Exchange.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using static Exchange.Web.Api.ApiEndpoints;

namespace Exchange.Web.Api;

/// <summary>
/// <c>/api/v1/operator</c>: the operators' pages as JSON, for the Operator role only (login cookie
/// or the operator's API key). Every write needs the operator's current two-factor code in
/// <see cref="TwoFactorHeader"/> (or <c>twoFactorCode</c> in the body); requests take an
/// <c>Idempotency-Key</c> (the same key twice is one request). Sends from the hot wallet are left to the page.
/// </summary>
public static class OperatorApiEndpoints
{
    public const string Policy = "OperatorApi";
    public const string TwoFactorHeader = "X-Two-Factor-Code";
    public const string IdempotencyHeader = "Idempotency-Key";

    public sealed record ReasonInput(string? Reason, string? TwoFactorCode = null);
    public sealed record AdjustmentInput(string Coin, string Direction, string Amount, string Reason);
    public sealed record SweepView(string BundleHash, long HubTimestamp, bool Confirmed, int Tails, int Deposits, long DepositTotal, int Withdrawals, long WithdrawalTotal);
    /// <summary>A user's key as operators see it: never its secret or hash.</summary>
    public sealed record KeyView(long Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, string? RevokedReason)
    {
        public static KeyView Of(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.ScopeList, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.RevokedReason);
    }

    public sealed record AuditView(long Id, DateTime At, string Operator, string Action, string Subject, string? Before, string? After, string? Reason);

    public static IEndpointRouteBuilder MapOperatorApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/operator").RequireAuthorization(Policy).RequireAntiforgeryForCookieWrites()
            .RequireRateLimiting(RateLimits.ApiWrites).WithTags("Operator");
        var read = api.MapGroup("").RequireAuthorization(ScopePolicies.For(ApiKeyScopes.OperatorRead));
        var write = api.MapGroup("").RequireAuthorization(ScopePolicies.For(ApiKeyScopes.OperatorWrite));
        read.MapGet("/overview", (OperatorOverview overview) => overview.LoadAsync());
        read.MapGet("/withdrawals", WithdrawalsAsync);
        write.MapPost("/withdrawals/{id:long}/approve", (long id, ReasonInput input, HttpContext context, OperatorWithdrawalCommands withdrawals) =>
            ActAsync(withdrawals.ApproveAsync(id, By(context, input.TwoFactorCode), input.Reason ?? "")));
        write.MapPost("/withdrawals/{id:long}/reject", (long id, ReasonInput input, HttpContext context, OperatorWithdrawalCommands withdrawals) =>
            ActAsync(withdrawals.RejectAsync(id, By(context, input.TwoFactorCode), input.Reason ?? "")));
        write.MapPost("/withdrawals/{id:long}/resolve", (long id, HttpContext context, UnknownWithdrawals unknown) =>
            ActAsync(unknown.ResolveAsync(id, By(context))));
        write.MapPost("/withdrawals/{id:long}/retry", (long id, HttpContext context, OperatorWithdrawalCommands withdrawals) =>
            ActAsync(withdrawals.RetryAsync(id, By(context))));
        read.MapGet("/users", async (string? search, UserDirectory users) => TypedResults.Ok(await users.SearchAsync(search)));
        write.MapPost("/users/{id}/adjustments", AdjustAsync);
        write.MapPut("/users/{id}/withdrawal-lock", (string id, ReasonInput input, HttpContext context, UserAdministration administration) =>
            Outcome(administration.LockWithdrawalsAsync(By(context, input.TwoFactorCode), id, input.Reason)));
        write.MapDelete("/users/{id}/withdrawal-lock", (string id, HttpContext context, UserAdministration administration) =>
            Outcome(administration.UnlockWithdrawalsAsync(By(context), id)));
        read.MapGet("/users/{id}/api-keys", async (string id, ApiKeys keys) => TypedResults.Ok((await keys.OfAsync(id)).Select(KeyView.Of).ToList()));
        write.MapDelete("/users/{id}/api-keys/{keyId:long}", (string id, long keyId, HttpContext context, ApiKeys keys) =>
            Outcome(keys.RevokeForOperatorAsync(By(context), id, keyId)));
        read.MapGet("/approvals", async (ApprovalQueue queue) => TypedResults.Ok(await queue.PendingAsync()));
        write.MapPost("/approvals/{id:long}/approve", (long id, ReasonInput input, HttpContext context, ApprovalQueue queue) =>
            Outcome(queue.ApproveAsync(id, User(context), Header(context, TwoFactorHeader), input.Reason)));
        write.MapPost("/approvals/{id:long}/reject", (long id, ReasonInput input, HttpContext context, ApprovalQueue queue) =>
            Outcome(queue.RejectAsync(id, User(context), Header(context, TwoFactorHeader), input.Reason)));
        read.MapGet("/sweeps", SweepsAsync);
        read.MapGet("/audit", AuditAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<List<WithdrawalView>>, ProblemHttpResult>> WithdrawalsAsync(string? state, WithdrawalQueries withdrawals)
    {
        if (!Enum.TryParse<WithdrawalState>(state ?? nameof(WithdrawalState.AwaitingApproval), ignoreCase: true, out var parsed))
            return TypedResults.Problem($"Unknown state '{state}'. States: {string.Join(", ", Enum.GetNames<WithdrawalState>())}.", statusCode: StatusCodes.Status400BadRequest);
        return TypedResults.Ok((await withdrawals.InStateAsync(parsed, 500)).Select(View).ToList());
    }

    /// <summary>The signed-in operator with the code of this request: the header, else the body's.</summary>
    private static OperatorCredentials By(HttpContext context, string? bodyCode = null) =>
        new(User(context), context.Request.Headers[TwoFactorHeader].FirstOrDefault() is { Length: > 0 } header ? header : bodyCode);

    private static ProblemHttpResult StepUpNeeded(string reason) =>
        TypedResults.Problem(reason, statusCode: StatusCodes.Status403Forbidden, title: "Two-factor code needed");

    private static async Task<Results<Ok<WithdrawalView>, ProblemHttpResult>> ActAsync(Task<WithdrawalResult> action)
    {
        var result = await action;
        if (result.NeedsStepUp)
            return StepUpNeeded(result.Problems[0].Message);
        if (!result.Succeeded)
            return TypedResults.Problem(string.Join(" ", result.Problems.Select(p => p.Message)), statusCode: StatusCodes.Status409Conflict, title: "Nothing was changed");
        return TypedResults.Ok(View(result.Withdrawal!));
    }

    private static Task<Results<Ok<OperatorResult>, Accepted<OperatorResult>, ProblemHttpResult>> AdjustAsync(string id, AdjustmentInput input, HttpContext context, UserAdministration administration) =>
        Enum.TryParse<AdjustmentDirection>(input.Direction, ignoreCase: true, out var direction)
            ? Outcome(administration.AdjustAsync(new ManualAdjustment(User(context), id, input.Coin, direction, input.Amount, input.Reason,
                Header(context, TwoFactorHeader), Header(context, IdempotencyHeader))))
            : Task.FromResult<Results<Ok<OperatorResult>, Accepted<OperatorResult>, ProblemHttpResult>>(
                TypedResults.Problem("Direction must be Credit or Debit.", statusCode: StatusCodes.Status400BadRequest, title: "Nothing was changed"));

    private static string? Header(HttpContext context, string name) => context.Request.Headers[name].FirstOrDefault();

    // 202 when the action waits for a second operator (its request id is in the answer).
    private static async Task<Results<Ok<OperatorResult>, Accepted<OperatorResult>, ProblemHttpResult>> Outcome(Task<OperatorResult> action)
    {
        var result = await action;
        if (result.NeedsStepUp)
            return StepUpNeeded(result.Message);
        if (!result.Succeeded)
            return TypedResults.Problem(result.Message, statusCode: StatusCodes.Status400BadRequest, title: "Nothing was changed");
        return result.RequestId is { } id ? TypedResults.Accepted($"/api/v1/operator/approvals/{id}", result) : TypedResults.Ok(result);
    }

    private static async Task<Ok<List<SweepView>>> SweepsAsync(SweepQueries sweeps) =>
        TypedResults.Ok((await sweeps.RecentSweepsAsync(100)).Select(r => new SweepView(r.Sweep.BundleHash, r.Sweep.HubTimestamp, r.Sweep.Confirmed, r.Sweep.Tails,
            r.Deposits, r.DepositTotal, r.Withdrawals, r.WithdrawalTotal)).ToList());

    private static async Task<Ok<List<AuditView>>> AuditAsync(AuditLog log, string? @operator, string? action, string? subject, DateOnly? from, DateOnly? to) =>
        TypedResults.Ok((await log.FindAsync(new AuditFilter(@operator, action, subject, from, to), 500))
            .Select(e => new AuditView(e.Id, e.At, e.OperatorEmail, e.Action, e.Subject, e.Before, e.After, e.Reason)).ToList());
}
