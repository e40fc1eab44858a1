using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Lockout, rate limits and forwarded headers from the <c>Security</c> settings.</summary>
    public static IServiceCollection AddExchangeSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>()
            .Bind(configuration.GetSection(SecurityOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<SecurityOptions>>((identity, security) =>
        {
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = security.Value.MaxFailedAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.Value.LockoutMinutes);
        });
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((forwarded, security) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; only the configured proxies are believed.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in security.Value.KnownProxies)
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        });
        services.AddExchangeRateLimits(configuration);
        return services;
    }

    /// <summary>First in the pipeline: the client's address from a known proxy, before anything reads it.</summary>
    public static WebApplication UseExchangeForwardedHeaders(this WebApplication app)
    {
        // With no known proxy at all the middleware would believe every sender, so it is left out.
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.KnownProxies.Count > 0)
            app.UseForwardedHeaders();
        return app;
    }
}
