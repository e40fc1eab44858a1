using Exchange.Hub;
using Exchange.Hub.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Infrastructure;

public static class HubClients
{
    /// <summary>The client exactly as the app registers it, pointed at <paramref name="hub"/>.</summary>
    public static IHubClient For(Uri hub, int timeoutSeconds = 10, int readRetries = 2)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hub:Url"] = hub.ToString(),
            ["Hub:TimeoutSeconds"] = timeoutSeconds.ToString(),
            ["Hub:ReadRetries"] = readRetries.ToString(),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddHubClient(configuration).BuildServiceProvider();
        return services.GetRequiredService<IHubClient>();
    }
}
