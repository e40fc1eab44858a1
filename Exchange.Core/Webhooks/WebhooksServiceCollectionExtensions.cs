using Exchange.Core.Notices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Exchange.Core.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>Webhooks: the notice channel, the endpoints' management, and the sender the webhooks job runs.</summary>
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // Development's receivers run on the same machine: private targets are allowed there unless configured otherwise.
        var development = builder.Environment.IsDevelopment();
        services.AddOptions<WebhookOptions>().Configure(o => o.AllowPrivateTargets = development).Bind(builder.Configuration.GetSection(WebhookOptions.Section))
            .Validate(o => o.Timeout >= TimeSpan.FromSeconds(1) && o.Timeout <= TimeSpan.FromSeconds(60), "Webhooks:Timeout must be from 1 to 60 seconds.")
            .Validate(o => o.MaxParallelSends is >= 1 and <= 256, "Webhooks:MaxParallelSends must be from 1 to 256.")
            .Validate(o => o.ClaimLease > o.Timeout + TimeSpan.FromSeconds(5), "Webhooks:ClaimLease must exceed Webhooks:Timeout by more than 5 seconds, or a slow delivery would be sent twice.")
            .Validate(o => o.PollInterval >= TimeSpan.FromMilliseconds(50), "Webhooks:PollInterval must be at least 50 milliseconds.")
            .Validate(o => o.RotationGrace >= TimeSpan.Zero && o.RotationGrace <= TimeSpan.FromDays(30), "Webhooks:RotationGrace must be from 0 to 30 days.")
            .Validate(o => o.GiveUpAfter >= TimeSpan.FromMinutes(1), "Webhooks:GiveUpAfter must be at least a minute.")
            .Validate(o => o.MaxEndpointsPerOwner is >= 1 and <= 1000, "Webhooks:MaxEndpointsPerOwner must be from 1 to 1000.")
            .Validate(o => o.Interval > TimeSpan.Zero, "Webhooks:Interval must be positive.")
            .ValidateOnStart();
        // Secrets are kept with the key ring the web app configures (in the database); a host without it gets the default.
        services.AddDataProtection();
        services.AddSingleton<INoticeChannel, WebhookChannel>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<WebhookDelivery>();
        services.AddSingleton<WebhookOutcomes>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookEndpoints>();
        return builder;
    }
}
