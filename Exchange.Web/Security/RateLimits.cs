using System.Security.Claims;
using System.Threading.RateLimiting;
using Exchange.Web.LiveUpdates;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Security;

/// <summary>
/// Limits on the requests worth guessing with, bound to the endpoints they guard, so that every
/// spelling that routes there (a trailing slash, another case, a handler in the query) counts: the
/// sign-in and account forms' posts per client address (shared by the nodes over Redis when
/// <c>Events:Redis</c> is set) and API writes per user, else per address. Form pages themselves
/// (GETs) are never limited. Per-account and per-user limits that need the form or the page live in
/// <see cref="RateLimitGate"/>.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string AccountForms = "account-forms";
    public const string ApiWrites = "api-writes";

    private static readonly string[] SignInPages = ["/Account/Login", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode"];
    private static readonly string[] AccountFormPages = ["/Account/Register", "/Account/ForgotPassword", "/Account/ResendEmailConfirmation"];

    public static IServiceCollection AddExchangeRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RateLimitGate>();
        if (configuration.GetSection(LiveUpdatesOptions.Section).Get<LiveUpdatesOptions>() is { UsesRedis: true } events)
            services.AddSingleton(sp => new RateLimitRedis(events.Redis!, sp.GetRequiredService<ILogger<RateLimitRedis>>()));
        services.Configure<RazorPagesOptions>(pages =>
        {
            LimitIdentityPages(pages.Conventions, SignInPages, SignIn);
            LimitIdentityPages(pages.Conventions, AccountFormPages, AccountForms);
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SecurityOptions>, IServiceProvider>((o, security, provider) =>
        {
            var limits = security.Value.RateLimits;
            var redis = provider.GetService<RateLimitRedis>();
            o.AddPolicy(SignIn, context => Writes(context, $"sign-in|{ClientAddress.Of(context)}", limits.SignInPerMinute, redis));
            o.AddPolicy(AccountForms, context => Writes(context, $"account-forms|{ClientAddress.Of(context)}", limits.AccountFormsPerMinute, redis));
            o.AddPolicy(ApiWrites, context => Writes(context,
                context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? $"api|user|{user}" : $"api|address|{ClientAddress.Of(context)}",
                limits.ApiWritesPerMinute, shared: null));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (rejected, cancellationToken) => new ValueTask(RateLimitRefusal.WriteAsync(rejected.HttpContext,
                rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1), cancellationToken));
        });
        return services;
    }

    /// <summary>The Identity area's pages by name, whichever path reaches them.</summary>
    private static void LimitIdentityPages(PageConventionCollection conventions, string[] pages, string policy)
    {
        foreach (var page in pages)
            conventions.AddAreaPageRouteModelConvention("Identity", page, model => Limit(model, policy));
    }

    private static void Limit(PageRouteModel page, string policy)
    {
        foreach (var selector in page.Selectors)
            selector.EndpointMetadata.Add(new EnableRateLimitingAttribute(policy));
    }

    // Reads are never limited: only posts (and the API's other writes) guess or change anything.
    private static RateLimitPartition<string> Writes(HttpContext context, string key, int permits, RateLimitRedis? shared)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
            return RateLimitPartition.GetNoLimiter("");
        var window = TimeSpan.FromMinutes(1);
        return shared is null
            ? RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(permits, window))
            : RateLimitPartition.Get(key, _ => new SharedFixedWindowLimiter(shared.KeyOf(key), permits, window, shared));
    }

    internal static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };
}
