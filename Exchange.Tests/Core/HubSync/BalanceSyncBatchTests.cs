using System.Collections.Concurrent;
using Exchange.Core.Coins;
using Exchange.Core.Deposits;
using Exchange.Core.Events;
using Exchange.Core.HubSync;
using Exchange.Core.Ledger;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Core.HubSync;

/// <summary>A backlog booked in small batches, against the emulator over HTTP: every deposit credited once, the cursor at the last event.</summary>
public class BalanceSyncBatchTests : HubSyncTest
{
    protected override void ConfigureHub(Exchange.Hub.Emulator.HubEmulatorOptions options) => options.SweepMaxDeposits = 1_000;

    protected override void ConfigureExchange(IServiceCollection services) => services.Configure<HubSyncOptions>(o => o.BatchSize = 3);

    private BalanceSync Sync => Exchange.Get<BalanceSync>();

    // Users u0..u(n-1), one deposit each, seen by the monitor in one second and swept in the next.
    private async Task<List<string>> DepositAsync(int users, string prefix = "u")
    {
        var names = Enumerable.Range(0, users).Select(i => $"{prefix}{i}").ToList();
        foreach (var (user, i) in names.Select((u, i) => (u, i)))
            await Hub.DepositAsync((await Exchange.Get<DepositAddressService>().RequestAsync(user, Token)).Address!.Address, 1_000 + i);
        await Hub.TickAsync("monitor");
        Hub.Time.Advance(TimeSpan.FromSeconds(1));
        await Hub.TickAsync("sweep");
        Hub.Time.Advance(TimeSpan.FromSeconds(1));
        return names;
    }

    private async Task<long> AvailableAsync(string user) =>
        (await Exchange.Get<LedgerService>().AccountsOfAsync(user, Token)).SingleOrDefault(a => a.Coin == CoinSymbols.Iota)?.Available ?? 0;

    [Fact]
    public async Task Deposits_in_many_seconds_are_booked_in_batches_once_each()
    {
        var users = new List<string>();
        for (var round = 0; round < 4; round++)
            users.AddRange(await DepositAsync(2, $"r{round}-"));

        var first = await Sync.RunAsync(Token);
        var again = await Sync.RunAsync(Token);

        Assert.Equal((8, 8, 8 * 3 + 4), (first.DepositsSeen, first.DepositsCredited, first.EventsRead));
        Assert.Equal((0, 0), (again.DepositsSeen, again.DepositsCredited));
        foreach (var (user, i) in users.Select((u, i) => (u, i)))
            Assert.Equal(1_000 + i % 2, await AvailableAsync(user));
        await AssertEveryDepositCreditedOnceAsync(8);
    }

    [Fact]
    public async Task One_second_holding_more_than_two_batches_is_split_and_each_deposit_still_finds_its_address()
    {
        var users = await DepositAsync(10);

        var result = await Sync.RunAsync(Token);

        Assert.Equal((10, 10, 10 * 1_000L + 45), (result.DepositsSeen, result.DepositsCredited, result.AmountCredited));
        foreach (var (user, i) in users.Select((u, i) => (u, i)))
            Assert.Equal(1_000 + i, await AvailableAsync(user));
        await AssertEveryDepositCreditedOnceAsync(10);
    }

    [Fact]
    public async Task Each_batch_announces_the_deposits_it_booked_after_its_commit()
    {
        await DepositAsync(4);
        var heard = new ConcurrentQueue<DepositsChanged>();
        using var _ = Exchange.Get<IExchangeEvents>().Subscribe(e => e is DepositsChanged, e =>
        {
            heard.Enqueue((DepositsChanged)e);
            return Task.CompletedTask;
        });

        await Sync.RunAsync(Token);

        await using var db = Exchange.NewContext();
        var deposits = await db.Deposits.ToListAsync(Token);
        Assert.Equal(deposits.Select(d => (d.UserId, d.Id)).Order(), heard.SelectMany(e => e.DepositIds.Select(id => (e.User, id))).Distinct().Order());
    }

    private async Task AssertEveryDepositCreditedOnceAsync(int expected)
    {
        await using var db = Exchange.NewContext();
        var deposits = await db.Deposits.ToListAsync(Token);
        Assert.Equal(expected, deposits.Count);
        Assert.All(deposits, d => Assert.Equal((DepositState.Credited, true), (d.State, d.DepositAddressId is not null && d.TailHash is not null)));
        Assert.All(await db.DepositAddresses.ToListAsync(Token), a => Assert.NotNull(a.SweepBundleHash));
        Assert.Equal(expected, await db.LedgerEntries.CountAsync(Token));
        var accounts = await db.HubAccounts.ToListAsync(Token);
        Assert.Equal(deposits.Sum(d => d.Amount), accounts.Sum(a => a.CreditedByHub));
        var cursor = await db.HubCursors.SingleAsync(c => c.Name == BalanceSync.CursorName, Token);
        var client = HubClients.For(Hub.BaseAddress);
        Assert.Equal((await client.BalanceSubscriptionAsync(0, Token)).Max(e => e.Timestamp), cursor.Timestamp);
        Assert.True((await Exchange.Get<Reconciliation>().RunAsync(Token)).IsBalanced);
    }
}

public sealed class BalanceSyncBatchOnPostgreSqlTests : BalanceSyncBatchTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
