using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Security;

/// <summary>
/// One global limiter that picks the requests worth guessing with: the sign-in and account forms'
/// posts (by client address) and API writes (by user, else address). Form pages themselves (GETs)
/// are never limited. Per-account and per-user limits that need the form or the page live in <see cref="RateLimitGate"/>.
/// </summary>
public static class RateLimits
{
    private static readonly string[] SignInForms = ["/Identity/Account/Login", "/Identity/Account/LoginWith2fa", "/Identity/Account/LoginWithRecoveryCode"];
    private static readonly string[] AccountForms = ["/Identity/Account/Register", "/Identity/Account/ForgotPassword"];

    public static IServiceCollection AddExchangeRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<RateLimitGate>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            var limits = security.Value.RateLimits;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (rejected, cancellationToken) => new ValueTask(RateLimitRefusal.WriteAsync(rejected.HttpContext,
                rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1), cancellationToken));
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            return RateLimitPartition.GetNoLimiter("");
        if (Matches(request.Path, SignInForms))
            return PerMinute($"sign-in|{ClientAddress.Of(context)}", limits.SignInPerMinute);
        if (Matches(request.Path, AccountForms))
            return PerMinute($"account-forms|{ClientAddress.Of(context)}", limits.AccountFormsPerMinute);
        if (request.Path.StartsWithSegments("/api/v1"))
            return PerMinute(context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? $"api|user|{user}" : $"api|address|{ClientAddress.Of(context)}",
                limits.ApiWritesPerMinute);
        return RateLimitPartition.GetNoLimiter("");
    }

    private static bool Matches(PathString path, string[] forms) =>
        forms.Any(form => path.Equals(form, StringComparison.OrdinalIgnoreCase));

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(permits, TimeSpan.FromMinutes(1)));

    internal static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };
}
