using Exchange.Hub.Client;
using Exchange.Hub.Iota;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Hub;

[Integration]
public class EmbeddedHubTests
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_hub_url_the_app_hosts_the_emulator_and_its_client_talks_to_it()
    {
        await using var app = new ExchangeAppFactory();
        _ = app.Server;
        var client = app.Services.GetRequiredService<IHubClient>();

        await client.CreateUserAsync("user-1", Token);
        var address = await client.GetDepositAddressAsync("user-1", Token);

        Assert.True(AddressChecksum.IsValid(address));
        var url = app.HubAddress;
        using var http = new HttpClient();
        Assert.Contains("user-1", await http.GetStringAsync(new Uri(url, "/_emulator/state"), Token));
    }

    [Fact]
    public async Task A_configured_hub_url_turns_the_emulator_off()
    {
        await using var hub = await EmulatorHost.StartAsync();
        await using var app = new ExchangeAppFactory { HubUrl = hub.BaseAddress.ToString() };
        _ = app.Server;

        await app.Services.GetRequiredService<IHubClient>().CreateUserAsync("user-7", Token);

        Assert.Contains("user-7", await hub.Http.GetStringAsync("/_emulator/state", Token));
        Assert.DoesNotContain(app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s.GetType().Name == "HubEmulatorHostedService");
    }
}
