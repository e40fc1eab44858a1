using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Infrastructure;

/// <summary>An emulator and the exchange's Core services pointed at it, each with its own SQLite file.</summary>
[Integration]
public abstract class HubSyncTest : IAsyncLifetime
{
    protected EmulatorHost Hub { get; private set; } = null!;
    protected CoreDatabase Exchange { get; private set; } = null!;
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Hub = await EmulatorHost.StartAsync(ConfigureHub);
        Exchange = await CoreDatabase.CreateAsync(ConfigureExchange, Hub.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await Exchange.DisposeAsync();
        await Hub.DisposeAsync();
    }

    protected virtual void ConfigureHub(Exchange.Hub.Emulator.HubEmulatorOptions options) { }

    protected virtual void ConfigureExchange(IServiceCollection services) { }
}
