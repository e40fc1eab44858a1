using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Notices;
using Exchange.Core.Webhooks;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Core.Webhooks;

/// <summary>
/// Core's real services over a database of their own, a user with a balance, and a real receiver on
/// loopback whose checks use the database's fake clock. The key ring lives in the database, as in the
/// app, so a restarted instance on the same store reads the secrets.
/// </summary>
[Integration]
public abstract class WebhookTest : IAsyncLifetime
{
    protected const string Alice = "alice";

    protected TestStore Store { get; private set; } = null!;
    protected CoreDatabase Database { get; set; } = null!;
    protected WebhookReceiver Receiver { get; private set; } = null!;
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected EmulatorHost? Hub { get; private set; }

    protected virtual TestEngine Engine => TestEngine.Sqlite;

    /// <summary>With an emulator of IOTA Hub, for deposits that come the real way.</summary>
    protected virtual bool WithHub => false;

    public async ValueTask InitializeAsync()
    {
        Hub = WithHub ? await EmulatorHost.StartAsync() : null;
        Store = await TestStore.CreateAsync(Engine);
        Database = await StartAsync();
        await Database.AddUserAsync(Alice, "alice@example.com");
        await Database.FundAsync(Alice, 500_000_000);
        Receiver = await WebhookReceiver.StartAsync(Database.Time);
    }

    public async ValueTask DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Database.DisposeAsync();
        await Store.DisposeAsync();
        if (Hub is not null) await Hub.DisposeAsync();
    }

    /// <summary>An instance of Core on the test's store: the first, or one started again after a crash.</summary>
    protected Task<CoreDatabase> StartAsync() => CoreDatabase.CreateAsync(services =>
    {
        services.Configure<WebhookOptions>(o =>
        {
            o.AllowPrivateTargets = true;
            Configure(o);
        });
        services.AddDataProtection().PersistKeysToDbContext<ExchangeDbContext>();
    }, Hub?.BaseAddress, Store);

    protected virtual void Configure(WebhookOptions options) { }

    protected static WebhookActor User(string userId = Alice) => new(userId, WebhookAudience.User);

    /// <summary>Registers the receiver (at <paramref name="path"/>) for the events, and lets it check signatures with the secret.</summary>
    protected async Task<WebhookEndpoint> RegisterAsync(WebhookReceiver receiver, string path = "/hooks", params string[] events)
    {
        var change = await Database.Get<WebhookEndpoints>().CreateAsync(User(), new WebhookRegistration(receiver.Url(path), "tests",
            events.Length == 0 ? WebhookEvents.ForUsers : events), Token);
        Assert.True(change.Succeeded, change.Problem);
        receiver.Secrets.Add(change.Secret!);
        return change.Endpoint!;
    }

    /// <summary>The notices job, then the webhooks job, as the nodes run them.</summary>
    protected async Task<WebhookRun> DeliverAsync(CoreDatabase? on = null)
    {
        on ??= Database;
        await on.Get<NoticeDispatcher>().RunAsync(Token);
        return await on.Get<WebhookSender>().RunAsync(Token);
    }

    /// <summary>A withdrawal of 12.5 MIOTA from request to completion through Hub's steps.</summary>
    protected async Task<long> WithdrawalLifeAsync()
    {
        var hubSteps = Database.Get<HubWithdrawalSteps>();
        var id = await Database.RequestWithdrawalAsync(Alice, "12.5");
        var attempt = (await hubSteps.BeginSubmitAsync(id, Token)).Withdrawal!.SubmitAttempt;
        Assert.True((await hubSteps.MarkSubmittedAsync(id, attempt, "hub-uuid", cancellationToken: Token)).Succeeded);
        Assert.True((await hubSteps.MarkSweptAsync(id, "BUNDLE", Token)).Succeeded);
        Assert.True((await hubSteps.CompleteAsync(id, Token)).Succeeded);
        return id;
    }

    protected async Task<List<WebhookMessage>> MessagesAsync()
    {
        await using var db = Database.NewContext();
        return await db.WebhookMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(Token);
    }

    protected async Task<WebhookEndpoint> EndpointAsync(long id)
    {
        await using var db = Database.NewContext();
        return await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == id, Token);
    }

    protected Task<IReadOnlyList<WebhookLogEntry>> LogAsync(long endpointId) => Database.Get<WebhookEndpoints>().LogAsync(User(), endpointId, cancellationToken: Token);

    protected async Task AddNoticeAsync(NoticeType type, NoticeData data, string? user = Alice)
    {
        await using var db = Database.NewContext();
        NoticeLog.Add(db, type, user, data, Database.Time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(Token);
    }

    protected static NoticeData Credited(long amount) => new NoticeData().With("amount", amount).With("coin", CoinSymbols.Iota);
}
