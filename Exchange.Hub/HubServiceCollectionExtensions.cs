using System.Security.Cryptography.X509Certificates;
using Exchange.Hub.Client;
using Exchange.Hub.Emulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Exchange.Hub;

public static class HubServiceCollectionExtensions
{
    /// <summary>
    /// The Hub client; and, when chosen, the emulator hosted in-process and answering the client
    /// (the embedded demo): with <c>HubEmulator:Enabled=true</c>, or in Development with no
    /// <c>Hub:Url</c>. Anywhere else an unset <c>Hub:Url</c> stops the app at start: a deployment
    /// that forgot its Hub must not quietly mint test money.
    /// </summary>
    public static IServiceCollection AddHub(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddHubClient(configuration);
        var hubUrlSet = !string.IsNullOrWhiteSpace(configuration[$"{HubOptions.Section}:Url"]);
        var emulatorChosen = configuration.GetValue<bool>($"{HubEmulatorOptions.Section}:Enabled");
        if (hubUrlSet && emulatorChosen)
            services.AddOptions<HubOptions>().Validate(_ => false,
                "Hub:Url and HubEmulator:Enabled=true are both set: choose a real Hub or the built-in emulator, not both.");
        if (hubUrlSet || !(emulatorChosen || environment.IsDevelopment()))
            return services;

        services.AddOptions<HubEmulatorOptions>()
            .Bind(configuration.GetSection(HubEmulatorOptions.Section))
            .PostConfigure<IHostEnvironment>((o, environment) =>
            {
                o.Url = FreePort.Resolve(o.Url);
                o.DatabasePath = Path.GetFullPath(o.DatabasePath, environment.ContentRootPath);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<HubOptions>().PostConfigure<IOptions<HubEmulatorOptions>>((hub, emulator) => hub.Url ??= emulator.Value.Url);
        services.AddHostedService<HubEmulatorHostedService>();
        services.AddSingleton<EmbeddedHubEmulator>();
        return services;
    }

    /// <summary>The typed Hub client, configured from the <c>Hub</c> section and validated at start.</summary>
    public static IServiceCollection AddHubClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HubOptions>()
            .Bind(configuration.GetSection(HubOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<HubClientMetrics>();

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
