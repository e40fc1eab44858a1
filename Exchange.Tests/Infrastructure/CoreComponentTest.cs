using Bunit;
using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Exchange.Core.Ledger;
using Exchange.Web.Accounts.TwoFactor;
using Exchange.Web.Components.Pages.Withdraw;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// bUnit over Exchange.Core's real services and a SQLite file of their own (and an emulator when
/// <see cref="WithHub"/>). Components get Core's own singletons, so what a test publishes reaches them.
/// </summary>
[Integration]
public abstract class CoreComponentTest : BunitContext, IAsyncLifetime
{
    protected CoreDatabase Core { get; private set; } = null!;
    protected EmulatorHost? Hub { get; private set; }
    protected static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    protected virtual bool WithHub => false;

    public async ValueTask InitializeAsync()
    {
        Hub = WithHub ? await EmulatorHost.StartAsync() : null;
        Core = await CoreDatabase.CreateAsync(ConfigureCore, Hub?.BaseAddress);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        foreach (var type in SharedSingletons(Core))
            Services.AddSingleton(type, Core.Services.GetRequiredService(type));
        Services.AddScoped(_ => Core.NewContext());
        Services.AddLogging();
        Services.AddOptions<ExplorerOptions>();
        Services.AddIdentityCore<ExchangeUser>().AddEntityFrameworkStores<ExchangeDbContext>()
            .AddSingleUseAuthenticator();
        Services.AddScoped<TwoFactorGate>();
        Configure(Services);
        // As on a live circuit: forms wait for interactivity before they take input (set once every service is in: it builds the renderer).
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        await SeedAsync();
    }

    // Every singleton AddExchangeCore registers of the exchange's own (and the database factory), the very instances
    // Core uses, so that the components and the test share one event hub, one catalogue, one snapshot.
    private static IEnumerable<Type> SharedSingletons(CoreDatabase core) => core.Registrations
        .Where(d => d.Lifetime == ServiceLifetime.Singleton && !d.ServiceType.IsGenericTypeDefinition)
        .Select(d => d.ServiceType)
        .Where(t => t.Assembly == typeof(LedgerService).Assembly || t.Assembly == typeof(Exchange.Hub.Client.IHubClient).Assembly
            || t == typeof(IDbContextFactory<ExchangeDbContext>) || t == typeof(TimeProvider))
        .Distinct();

    /// <summary>Core's own services as the test needs them (before the components' services copy them).</summary>
    protected virtual void ConfigureCore(IServiceCollection services) { }

    /// <summary>Settings of the test's own (options the components read).</summary>
    protected virtual void Configure(IServiceCollection services) => services.AddOptions<WithdrawalSecurityOptions>();

    protected virtual Task SeedAsync() => Task.CompletedTask;

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Core.DisposeAsync();
        if (Hub is not null) await Hub.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
