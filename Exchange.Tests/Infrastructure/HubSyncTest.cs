using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Infrastructure;

/// <summary>An emulator and the exchange's Core services pointed at it, each with its own database.</summary>
[Integration]
public abstract class HubSyncTest : IAsyncLifetime
{
    protected EmulatorHost Hub { get; private set; } = null!;
    protected CoreDatabase Exchange { get; private set; } = null!;
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The database engine; a derived class runs the same tests on another.</summary>
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    public async ValueTask InitializeAsync()
    {
        Hub = await EmulatorHost.StartAsync(ConfigureHub);
        Exchange = await CoreDatabase.CreateAsync(ConfigureExchange, Hub.BaseAddress, engine: Engine);
    }

    public async ValueTask DisposeAsync()
    {
        await Exchange.DisposeAsync();
        await Hub.DisposeAsync();
    }

    protected virtual void ConfigureHub(Exchange.Hub.Emulator.HubEmulatorOptions options) { }

    protected virtual void ConfigureExchange(IServiceCollection services) { }
}
