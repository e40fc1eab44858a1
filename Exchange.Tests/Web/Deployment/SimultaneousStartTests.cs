using Exchange.Core.Data;
using Exchange.Core.HubSync;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Web.Deployment;

/// <summary>Nodes starting at the same moment on one empty PostgreSQL database: the schema and the start-up data are made once, and every node comes up.</summary>
[Integration]
public class SimultaneousStartTests
{
    private const int Racers = 8;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_nodes_on_an_empty_database_both_answer_with_each_migration_and_each_demo_account_once()
    {
        await using var store = await TestStore.CreateAsync(TestEngine.PostgreSql, migrated: false);
        await using var nodeA = Node(store, "a");
        await using var nodeB = Node(store, "b");

        var clients = await Task.WhenAll(Task.Run(nodeA.CreateClient, Token), Task.Run(nodeB.CreateClient, Token));

        foreach (var client in clients)
            Assert.True((await client.GetAsync("/Identity/Account/Login", Token)).IsSuccessStatusCode);
        await using var db = nodeA.Services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContext();
        var history = await db.Database.SqlQueryRaw<string>("""SELECT "MigrationId" AS "Value" FROM "__EFMigrationsHistory" """).ToListAsync(Token);
        Assert.Equal(db.Database.GetMigrations().Order(), history.Order());
        Assert.Equal(["demo@exchange.local", "operator@exchange.local"], await db.Users.Select(u => u.Email!).OrderBy(e => e).ToListAsync(Token));
        Assert.Equal(1, await db.HubBindings.CountAsync(Token));
    }

    [Fact]
    public async Task Demo_accounts_asked_for_by_many_at_once_are_created_by_exactly_one()
    {
        await using var store = await TestStore.CreateAsync(TestEngine.PostgreSql);
        await using var app = new ExchangeAppFactory { Store = store };
        _ = app.Services;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => Task.Run(() => EnsureDemoAccountsAsync(app.Services), Token)));

        Assert.Single(outcomes, o => o == DemoAccountsOutcome.Created);
        Assert.All(outcomes, o => Assert.NotEqual(DemoAccountsOutcome.Disabled, o));
        await using var db = app.Services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContext();
        Assert.Equal(2, await db.Users.CountAsync(Token));
        Assert.Single(await db.Roles.ToListAsync(Token));
    }

    [Fact]
    public async Task The_first_Hub_binding_recorded_by_many_at_once_is_one_row_and_no_start_fails()
    {
        await using var core = await CoreDatabase.CreateAsync(engine: TestEngine.PostgreSql);
        var bindings = core.Get<HubBindings>();

        await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => Task.Run(() => bindings.EnsureAsync("http://hub:8888", switchIntended: false, Token), Token)));

        await using var db = core.NewContext();
        Assert.Equal("http://hub:8888", (await db.HubBindings.SingleAsync(Token)).Hub);
    }

    private static ExchangeAppFactory Node(TestStore store, string name) => new()
    {
        Store = store,
        DemoAccounts = true,
        // Each node hosts an emulator of its own; the Hub binding is the same for both (the embedded emulator).
        Settings = { ["Database:MigrateOnStart"] = "true", ["HubEmulator:DatabasePath"] = Path.Combine(store.Folder.Path, $"hub-{name}.db") },
    };

    private static async Task<DemoAccountsOutcome> EnsureDemoAccountsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var demo = ActivatorUtilities.CreateInstance<DemoAccounts>(scope.ServiceProvider, Options.Create(new DemoAccountsOptions { Enabled = true }));
        return await demo.EnsureAsync(TextWriter.Null);
    }
}
