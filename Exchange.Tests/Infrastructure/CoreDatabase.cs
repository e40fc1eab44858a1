using Exchange.Core;
using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Exchange.Hub;
using Exchange.Web.Accounts.TwoFactor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Infrastructure;

/// <summary>Exchange.Core's real services over a migrated database of their own (SQLite or PostgreSQL), with a clock the test drives.</summary>
public sealed class CoreDatabase : IAsyncDisposable
{
    private readonly TestStore store;
    private readonly bool ownsStore;
    private readonly IHost host;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    public IServiceProvider Services => host.Services;

    /// <summary>What AddExchangeCore (and the test's own configuration) registered, for a second container to share.</summary>
    public IReadOnlyList<ServiceDescriptor> Registrations { get; }
    public TestEngine Engine => store.Engine;

    /// <summary>The SQLite file (on SQLite only).</summary>
    public string DatabasePath => store.SqlitePath;

    private CoreDatabase(Action<IServiceCollection>? configure, Uri? hub, TestStore store, bool ownsStore)
    {
        this.store = store;
        this.ownsStore = ownsStore;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = store.Folder.Path });
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.Logging.WarningsOnConsole();
        builder.Configuration["Hub:Url"] = hub?.ToString() ?? "http://127.0.0.1:9";
        builder.Configuration["Hub:ReadRetries"] = "0";
        builder.Services.AddHubClient(builder.Configuration);
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.AddExchangeCore();
        // Core's rules ask Identity for two-factor codes, as in the app.
        builder.Services.AddIdentityCore<ExchangeUser>().AddEntityFrameworkStores<ExchangeDbContext>().AddSingleUseAuthenticator();
        configure?.Invoke(builder.Services);
        Registrations = [.. builder.Services];
        host = builder.Build();
    }

    /// <summary>
    /// With <paramref name="hub"/>, the Hub client points there (an emulator of the test's own). With
    /// <paramref name="store"/> (which the caller disposes), the database of an earlier instance is
    /// opened again, as after a restart; otherwise a new one on <paramref name="engine"/>.
    /// </summary>
    public static async Task<CoreDatabase> CreateAsync(Action<IServiceCollection>? configure = null, Uri? hub = null, TestStore? store = null, TestEngine engine = TestEngine.Sqlite)
    {
        var database = new CoreDatabase(configure, hub, store ?? await TestStore.CreateAsync(engine), ownsStore: store is null);
        await database.Get<DatabaseMigrator>().MigrateAsync();
        return database;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public ExchangeDbContext NewContext() => Get<IDbContextFactory<ExchangeDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        host.Dispose();
        await Task.Yield();
        if (ownsStore) await store.DisposeAsync();
    }
}
