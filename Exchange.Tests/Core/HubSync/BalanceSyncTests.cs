using System.Collections.Concurrent;
using Exchange.Core.Coins;
using Exchange.Core.Deposits;
using Exchange.Core.Events;
using Exchange.Core.HubSync;
using Exchange.Core.Ledger;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Core.HubSync;

/// <summary>The balance check against the emulator over HTTP and a real SQLite file.</summary>
public class BalanceSyncTests : HubSyncTest
{
    private BalanceSync Sync => Exchange.Get<BalanceSync>();

    private async Task<string> AddressForAsync(string user)
    {
        var request = await Exchange.Get<DepositAddressService>().RequestAsync(user, Token);
        Assert.True(request.Succeeded, request.Problem);
        return request.Address!.Address;
    }

    private async Task<long> AvailableAsync(string user) =>
        (await Exchange.Get<LedgerService>().AccountsOfAsync(user, Token)).SingleOrDefault(a => a.Coin == CoinSymbols.Iota)?.Available ?? 0;

    private async Task<List<Deposit>> DepositsAsync(string user)
    {
        await using var db = Exchange.NewContext();
        return await db.Deposits.Where(d => d.UserId == user).OrderBy(d => d.Id).ToListAsync(Token);
    }

    [Fact]
    public async Task A_deposit_is_seen_incoming_then_credited_once()
    {
        var address = await AddressForAsync("alice");
        await Hub.DepositAsync(address, 2_000_000);
        await Hub.TickAsync("monitor");

        var seen = await Sync.RunAsync(Token);
        var incoming = Assert.Single(await DepositsAsync("alice"));
        var availableWhileIncoming = await AvailableAsync("alice");
        Hub.Time.Advance(TimeSpan.FromSeconds(1));
        await Hub.TickAsync("sweep");
        var credited = await Sync.RunAsync(Token);
        var again = await Sync.RunAsync(Token);

        Assert.Equal((1, 0), (seen.DepositsSeen, seen.DepositsCredited));
        Assert.Equal((DepositState.Incoming, 2_000_000L), (incoming.State, incoming.Amount));
        Assert.Equal(0, availableWhileIncoming);
        Assert.Equal((0, 1, 2_000_000L), (credited.DepositsSeen, credited.DepositsCredited, credited.AmountCredited));
        Assert.Equal((0, 0), (again.DepositsSeen, again.DepositsCredited));
        var deposit = Assert.Single(await DepositsAsync("alice"));
        Assert.Equal(DepositState.Credited, deposit.State);
        Assert.Equal(2_000_000, await AvailableAsync("alice"));
    }

    [Fact]
    public async Task A_run_announces_each_user_whose_deposits_it_booked_once_with_those_deposits()
    {
        var alicesFirst = await AddressForAsync("alice");
        var alicesSecond = await AddressForAsync("alice");
        var bobs = await AddressForAsync("bob");
        await Hub.DepositAsync(alicesFirst, 500);
        await Hub.DepositAsync(alicesSecond, 700);
        await Hub.DepositAsync(bobs, 900);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        var heard = new ConcurrentQueue<ExchangeEvent>();
        using var _ = Exchange.Get<IExchangeEvents>().Subscribe(e => e.UserId is not null, e =>
        {
            heard.Enqueue(e);
            return Task.CompletedTask;
        });

        var result = await Sync.RunAsync(Token);

        Assert.Equal(3, result.DepositsCredited);
        Assert.All(heard, e => Assert.IsType<DepositsChanged>(e));
        var announced = heard.Cast<DepositsChanged>().ToList();
        Assert.Equal(["alice", "bob"], announced.Select(e => e.User).Order());
        foreach (var user in announced)
            Assert.Equal((await DepositsAsync(user.User)).Select(d => d.Id), user.DepositIds.Order());
    }

    [Fact]
    public async Task Two_identical_deposit_events_in_one_second_are_two_deposits()
    {
        var first = await AddressForAsync("alice");
        var second = await AddressForAsync("alice");
        await Hub.DepositAsync(first, 500);
        await Hub.DepositAsync(second, 500);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");

        var result = await Sync.RunAsync(Token);
        await Sync.RunAsync(Token);

        Assert.Equal((2, 1_000L), (result.DepositsCredited, result.AmountCredited));
        Assert.Equal(1_000, await AvailableAsync("alice"));
        Assert.All(await DepositsAsync("alice"), d => Assert.Equal(DepositState.Credited, d.State));
    }

    [Fact]
    public async Task A_deposit_seen_and_swept_between_two_runs_is_recorded_once_and_credited()
    {
        var address = await AddressForAsync("alice");
        await Hub.DepositAsync(address, 700);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");

        await Sync.RunAsync(Token);

        var deposit = Assert.Single(await DepositsAsync("alice"));
        Assert.Equal((DepositState.Credited, 700L), (deposit.State, deposit.Amount));
        Assert.Equal(700, await AvailableAsync("alice"));
    }

    [Fact]
    public async Task Events_in_the_same_second_as_the_cursor_are_read_again_and_only_new_ones_count()
    {
        var first = await AddressForAsync("alice");
        var second = await AddressForAsync("alice");
        await Hub.DepositAsync(first, 300);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await Sync.RunAsync(Token);

        // Same (whole) second on Hub's clock: a second identical-looking credit arrives after the first run.
        await Hub.DepositAsync(second, 300);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        var later = await Sync.RunAsync(Token);

        Assert.Equal(1, later.DepositsCredited);
        Assert.Equal(600, await AvailableAsync("alice"));
    }

    [Fact]
    public async Task Events_of_hub_users_the_exchange_does_not_know_are_kept_for_operators()
    {
        await Hub.CommandAsync(new { command = "CreateUser", userId = "stranger" });
        var address = (await Hub.CommandAsync(new { command = "GetDepositAddress", userId = "stranger", includeChecksum = "true" })).GetProperty("address").GetString()!;
        await Hub.DepositAsync(address, 42);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");

        var result = await Sync.RunAsync(Token);
        await Sync.RunAsync(Token);

        Assert.Equal(1, result.Unrecognised);
        await using var db = Exchange.NewContext();
        var kept = Assert.Single(await db.UnrecognisedHubEvents.ToListAsync(Token));
        Assert.Equal(("stranger", 42L), (kept.HubUserId, kept.Amount));
    }

    [Fact]
    public async Task A_hub_that_is_down_fails_the_run_and_changes_nothing()
    {
        var address = await AddressForAsync("alice");
        await Hub.DepositAsync(address, 900);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await Hub.ControlAsync("fault", new { kind = "http500" });

        await Assert.ThrowsAsync<Exchange.Hub.Client.HubTransportException>(() => Sync.RunAsync(Token));
        var before = await AvailableAsync("alice");
        await Sync.RunAsync(Token);

        Assert.Equal((0L, 900L), (before, await AvailableAsync("alice")));
    }
}

public sealed class BalanceSyncOnPostgreSqlTests : BalanceSyncTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
