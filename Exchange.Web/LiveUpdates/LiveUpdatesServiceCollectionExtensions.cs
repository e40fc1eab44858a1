using Exchange.Core.Events;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Exchange.Web.LiveUpdates;

public static class LiveUpdatesServiceCollectionExtensions
{
    /// <summary>
    /// Live updates for pages: with <c>Events:Redis</c>, events travel between nodes over Redis
    /// pub/sub (and a <c>redis</c> health check, tagged <c>ready</c>, says whether they do);
    /// without, the in-process hub Core registers. Call after Core's registration.
    /// </summary>
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveUpdatesOptions>()
            .Bind(configuration.GetSection(LiveUpdatesOptions.Section))
            .Validate(o => o.RedisIsValid(), "Events:Redis is not a StackExchange.Redis connection string (host:port, then any options, e.g. 127.0.0.1:6379,password=...).")
            .Validate(o => o.FallbackRefresh > TimeSpan.Zero, "Events:FallbackRefresh must be longer than zero (e.g. 00:00:05).")
            .Validate<IHostEnvironment>((o, environment) => o.SigningKeyIsValidIn(environment),
                $"Events:SigningKey must be a secret of at least {LiveUpdatesOptions.MinimumSigningKeyLength} characters, the same on every node; " +
                "outside Development it is required with Events:Redis (a node drops every event from Redis that it did not seal).")
            .ValidateOnStart();
        services.AddSingleton<LiveUpdateFallback>();
        services.AddCascadingValue(sp => sp.GetRequiredService<LiveUpdateFallback>());
        var health = services.AddHealthChecks();

        var redis = configuration.GetSection(LiveUpdatesOptions.Section).Get<LiveUpdatesOptions>();
        if (redis is not { UsesRedis: true })
        {
            services.AddSingleton<ILiveUpdateStatus, SingleNodeStatus>();
            return services;
        }
        services.AddSingleton<RedisBackplane>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisBackplane>());
        services.AddSingleton<ILiveUpdateStatus>(sp => sp.GetRequiredService<RedisBackplane>());
        services.Replace(ServiceDescriptor.Singleton<IExchangeEvents, RedisExchangeEvents>());
        health.AddCheck<RedisHealthCheck>(RedisHealthCheck.Name, tags: [Monitoring.MonitoringServiceCollectionExtensions.Ready]);
        return services;
    }
}
