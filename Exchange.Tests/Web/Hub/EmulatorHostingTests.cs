using Exchange.Hub.Emulator;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Deposit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Hub;

/// <summary>The emulator's test money exists only where someone chose it, and a database stays with the Hub it was used with.</summary>
[Integration]
public sealed class EmulatorHostingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Exception? StartFails(ExchangeAppFactory app) => Record.Exception(() => app.Services.GetRequiredService<TestTokens>());

    [Fact]
    public async Task Production_without_a_hub_url_does_not_start_and_names_both_settings()
    {
        await using var app = new ExchangeAppFactory { Environment = "Production" };

        var failure = StartFails(app);

        Assert.NotNull(failure);
        Assert.Contains("Hub:Url is not set", failure.ToString());
        Assert.Contains("HubEmulator:Enabled=true", failure.ToString());
    }

    [Fact]
    public async Task Production_hosts_the_emulator_and_its_test_tokens_only_when_chosen()
    {
        await using var app = new ExchangeAppFactory { Environment = "Production", Settings = { ["HubEmulator:Enabled"] = "true" } };

        Assert.True(app.Services.GetRequiredService<TestTokens>().IsAvailable);
        Assert.NotNull(app.Services.GetService<EmbeddedHubEmulator>());
    }

    [Fact]
    public async Task A_hub_url_and_the_emulator_both_chosen_does_not_start()
    {
        await using var hub = await EmulatorHost.StartAsync();
        await using var app = new ExchangeAppFactory { HubUrl = hub.BaseAddress.ToString(), Settings = { ["HubEmulator:Enabled"] = "true" } };

        Assert.Contains("choose a real Hub or the built-in emulator, not both", StartFails(app)?.ToString());
    }

    [Fact]
    public async Task With_a_real_hub_the_deposit_page_has_no_test_tokens_and_the_faucet_refuses()
    {
        await using var hub = await EmulatorHost.StartAsync();
        await using var app = new ExchangeAppFactory { HubUrl = hub.BaseAddress.ToString() };
        await app.CreateAsync("alice@example.com");
        var alice = await app.LoggedInClientAsync("alice@example.com");

        var page = await alice.GetStringAsync("/deposit", Token);

        Assert.Contains("Deposit", page);
        Assert.DoesNotContain("Send test tokens", page);
        var tokens = app.Services.GetRequiredService<TestTokens>();
        Assert.False(tokens.IsAvailable);
        Assert.Equal("Test tokens exist only in the embedded demo.", await tokens.SendAsync(await app.UserIdAsync("alice@example.com"), 1_000_000, Token));
    }

    [Fact]
    public async Task The_embedded_demo_offers_test_tokens_on_the_deposit_page()
    {
        await using var app = new ExchangeAppFactory();
        await app.CreateAsync("alice@example.com");
        var alice = await app.LoggedInClientAsync("alice@example.com");

        Assert.Contains("Send test tokens", await alice.GetStringAsync("/deposit", Token));
    }

    [Fact]
    public async Task A_database_used_with_the_emulator_refuses_a_real_hub_unless_the_switch_is_intended()
    {
        using var folder = new TempFolder();
        var database = new Dictionary<string, string> { ["Database:ConnectionString"] = $"Data Source={Path.Combine(folder.Path, "exchange.db")}" };
        await using (var demo = new ExchangeAppFactory { Settings = new(database) })
            Assert.Equal(EmbeddedHubEmulator.Identity, await BoundHubAsync(demo));

        await using var hub = await EmulatorHost.StartAsync();
        var url = hub.BaseAddress.ToString().TrimEnd('/');
        await using (var refused = new ExchangeAppFactory { HubUrl = url, Settings = new(database) })
            Assert.Contains("was used with the embedded emulator", StartFails(refused)?.ToString());

        await using var switched = new ExchangeAppFactory { HubUrl = url, Settings = new(database) { ["Hub:SwitchIntended"] = "true" } };
        Assert.Equal(url, await BoundHubAsync(switched));
    }

    private static async Task<string> BoundHubAsync(ExchangeAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<Exchange.Core.Data.ExchangeDbContext>>().CreateDbContext();
        return (await db.HubBindings.SingleAsync(Token)).Hub;
    }
}
