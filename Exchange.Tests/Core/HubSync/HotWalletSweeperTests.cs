using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Core.HubSync;

/// <summary>Credited deposits move to the hot wallet inside Hub, once, whatever happens to the calls.</summary>
public class HotWalletSweeperTests : HubSyncTest
{
    protected override void ConfigureHub(Exchange.Hub.Emulator.HubEmulatorOptions options) => options.SweepMaxDeposits = 1_000;

    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    protected override void ConfigureExchange(IServiceCollection services)
    {
        services.Configure<HubSyncOptions>(o => o.UnknownOutcomeGrace = Grace);
    }

    private IHubClient Client => field ??= HubClients.For(Hub.BaseAddress, readRetries: 0);
    private HotWalletSweeper Sweeper => Exchange.Get<HotWalletSweeper>();

    private async Task CreditAsync(params (string User, long Amount)[] deposits)
    {
        foreach (var (user, amount) in deposits)
            await Hub.DepositAsync((await Exchange.Get<DepositAddressService>().RequestAsync(user, Token)).Address!.Address, amount);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await Exchange.Get<BalanceSync>().RunAsync(Token);
    }

    private async Task<List<HotWalletBatch>> BatchesAsync()
    {
        await using var db = Exchange.NewContext();
        return await db.HotWalletBatches.OrderBy(b => b.Id).ToListAsync(Token);
    }

    [Fact]
    public async Task Credited_deposits_of_several_users_move_to_the_hot_wallet_in_one_batch()
    {
        await CreditAsync(("alice", 1_000), ("bob", 2_500), ("alice", 500));

        var result = await Sweeper.RunAsync(Token);
        var again = await Sweeper.RunAsync(Token);

        Assert.Equal((1, 4_000L, 2), (result.BatchesSent, result.AmountMoved, result.Users));
        Assert.Equal(0, again.BatchesSent);
        Assert.Equal(4_000, await Client.GetBalanceAsync("user-hot-wallet", Token));
        Assert.Equal(0, await Client.GetBalanceAsync("user-1", Token));
        Assert.Equal(0, await Client.GetBalanceAsync("user-2", Token));
        Assert.Equal(HotWalletBatchState.Applied, Assert.Single(await BatchesAsync()).State);
    }

    [Fact]
    public async Task Hundreds_of_users_are_moved_in_requests_under_hubs_size_limit()
    {
        await CreditAsync(Enumerable.Range(0, 300).Select(i => ($"user{i}", 1_000L + i)).ToArray());

        var result = await Sweeper.RunAsync(Token);

        Assert.True(result.BatchesSent > 1);
        Assert.Equal(300, result.Users);
        Assert.Equal(300 * 1_000L + 299 * 300 / 2, await Client.GetBalanceAsync("user-hot-wallet", Token));
        Assert.All(await BatchesAsync(), b => Assert.Equal(HotWalletBatchState.Applied, b.State));
    }

    [Fact]
    public async Task A_batch_lost_on_the_way_is_found_not_applied_and_sent_again()
    {
        await CreditAsync(("alice", 1_000));
        await Hub.ControlAsync("fault", new { kind = "drop", command = "ProcessTransferBatch" });

        await Assert.ThrowsAsync<HubTransportException>(() => Sweeper.RunAsync(Token));
        Exchange.Time.Advance(Grace + TimeSpan.FromSeconds(1));
        var retry = await Sweeper.RunAsync(Token);

        Assert.Equal((1, 1), (retry.BatchesResolved, retry.BatchesSent));
        Assert.Equal(1_000, await Client.GetBalanceAsync("user-hot-wallet", Token));
        Assert.Equal([HotWalletBatchState.NotApplied, HotWalletBatchState.Applied], (await BatchesAsync()).Select(b => b.State));
    }

    [Fact]
    public async Task A_batch_applied_but_answered_too_late_is_found_applied_and_not_sent_again()
    {
        await using var slow = await CoreDatabase.CreateAsync(s =>
        {
            s.Configure<HubSyncOptions>(o => o.UnknownOutcomeGrace = TimeSpan.FromSeconds(5));
            s.Configure<HubOptions>(o => o.TimeoutSeconds = 2);
        }, Hub.BaseAddress, engine: Engine);
        foreach (var (user, amount) in new[] { ("alice", 1_000L) })
            await Hub.DepositAsync((await slow.Get<DepositAddressService>().RequestAsync(user, Token)).Address!.Address, amount);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await slow.Get<BalanceSync>().RunAsync(Token);
        await Client.CreateUserAsync("user-hot-wallet", Token);
        await Hub.ControlAsync("fault", new { kind = "delay", delaySeconds = 3, command = "ProcessTransferBatch" });

        await Assert.ThrowsAsync<HubTransportException>(() => slow.Get<HotWalletSweeper>().RunAsync(Token));
        for (var i = 0; i < 100 && await Client.GetBalanceAsync("user-hot-wallet", Token) == 0; i++)
            await Task.Delay(100, Token); // the slow call lands at Hub
        slow.Time.Advance(TimeSpan.FromSeconds(6));
        var retry = await slow.Get<HotWalletSweeper>().RunAsync(Token);

        Assert.Equal((1, 0), (retry.BatchesResolved, retry.BatchesSent));
        Assert.Equal(1_000, await Client.GetBalanceAsync("user-hot-wallet", Token));
        await using var db = slow.NewContext();
        Assert.Equal(HotWalletBatchState.Applied, (await db.HotWalletBatches.SingleAsync(Token)).State);
    }
}

public sealed class HotWalletSweeperOnPostgreSqlTests : HotWalletSweeperTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
