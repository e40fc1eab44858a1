namespace Exchange.Tests.Infrastructure.Cluster;

/// <summary>A test of several <see cref="ClusterNode"/>s: one Hub emulator and one PostgreSQL store they all share.</summary>
[Integration]
public abstract class ClusterTest : IAsyncLifetime
{
    protected EmulatorHost Hub { get; private set; } = null!;
    protected TestStore Store { get; private set; } = null!;
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Hub = await EmulatorHost.StartAsync();
        Store = await TestStore.CreateAsync(TestEngine.PostgreSql);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await Hub.DisposeAsync();
    }
}
