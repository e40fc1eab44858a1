using System.Security.Cryptography.X509Certificates;
using Exchange.Hub.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Exchange.Hub;

public static class HubServiceCollectionExtensions
{
    /// <summary>The typed Hub client, configured from the <c>Hub</c> section and validated at start.</summary>
    public static IServiceCollection AddHubClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HubOptions>()
            .Bind(configuration.GetSection(HubOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddHttpClient<IHubClient, HubClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<HubOptions>>().Value;
                http.BaseAddress = new Uri(options.Url!);
                http.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<HubOptions>>().Value;
                var handler = new HttpClientHandler();
                if (options.ClientCertificatePath is { } path)
                    handler.ClientCertificates.Add(X509CertificateLoader.LoadPkcs12FromFile(path, options.ClientCertificatePassword));
                return handler;
            });
        return services;
    }
}
