using Exchange.Hub;
using Exchange.Hub.Client;
using Exchange.Hub.Iota;
using Exchange.Tests.Hub.Emulator;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Hub.Client;

/// <summary>Every command through the typed client against the emulator over HTTP.</summary>
[Integration]
public class HubClientAgainstEmulatorTests : IAsyncLifetime
{
    private EmulatorHost hub = null!;
    private IHubClient client = null!;
    private CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        hub = await EmulatorHost.StartAsync();
        client = HubClients.For(hub.BaseAddress, timeoutSeconds: 2);
    }

    public ValueTask DisposeAsync() => hub.DisposeAsync();

    private async Task<string> FundedUserAsync(string user, long amount)
    {
        await client.CreateUserAsync(user, Token);
        var address = await client.GetDepositAddressAsync(user, Token);
        await hub.DepositAsync(address, amount);
        await hub.TickAsync("monitor");
        await hub.TickAsync("sweep");
        return address;
    }

    [Fact]
    public async Task Users_addresses_balances_and_history_come_back_typed()
    {
        Assert.Equal(CreateUserResult.Created, await client.CreateUserAsync("alice", Token));
        Assert.Equal(CreateUserResult.AlreadyExists, await client.CreateUserAsync("alice", Token));
        var address = await client.GetDepositAddressAsync("alice", Token);
        await hub.DepositAsync(address, 1_000);
        await hub.TickAsync("monitor");
        await hub.TickAsync("sweep");
        await client.CreateUserAsync("bob", Token);
        await client.ProcessTransferBatchAsync([new HubTransfer("alice", -300), new HubTransfer("bob", 300)], Token);

        Assert.True(AddressChecksum.IsValid(address));
        Assert.Equal("alice", await client.GetAddressInfoAsync(address, Token));
        Assert.Equal(700, await client.GetBalanceAsync("alice", Token));
        Assert.Equal(1_000, await client.GetStatsAsync(Token));
        var history = await client.GetUserHistoryAsync("alice", 0, Token);
        Assert.Equal([UserHistoryReason.Deposit, UserHistoryReason.Sell], history.Select(h => h.Reason));
        Assert.Equal([1_000L, -300L], history.Select(h => h.Amount));
    }

    [Fact]
    public async Task Balance_events_are_a_typed_set_in_hubs_groups()
    {
        var address = await FundedUserAsync("alice", 1_000);

        var events = await client.BalanceSubscriptionAsync(0, Token);

        var deposit = Assert.IsType<DepositEvent>(events[0]);
        var seen = Assert.IsType<AddressDepositEvent>(events[1]);
        var swept = Assert.IsType<AddressSweepEvent>(events[2]);
        var inbound = Assert.IsType<InboundEvent>(events[3]);
        Assert.Equal(("alice", 1_000L), (deposit.UserId, deposit.Amount));
        Assert.Equal((address[..81], 1_000L), (seen.Address, seen.Amount));
        Assert.Equal((deposit.SweepBundleHash, -1_000L), (swept.Hash, swept.Amount));
        Assert.Equal((deposit.SweepBundleHash, 1_000L), (inbound.SweepBundleHash, inbound.Amount));
    }

    [Fact]
    public async Task A_withdrawal_is_followed_from_request_to_sweep()
    {
        await FundedUserAsync("alice", 1_000);
        var uuid = await client.UserWithdrawAsync("alice", 250, HubStory.Payout90, "EXCHANGE", Token);

        Assert.Null(await client.SweepInfoByWithdrawalAsync(uuid, Token));
        Assert.False(await client.WasWithdrawalCancelledAsync(uuid, Token));
        await hub.TickAsync("attachment");
        hub.Time.Advance(TimeSpan.FromMinutes(1));
        await hub.TickAsync("attachment");
        hub.Time.Advance(TimeSpan.FromSeconds(1));
        await hub.TickAsync("sweep");

        var sweep = await client.SweepInfoByWithdrawalAsync(uuid, Token);
        Assert.NotNull(sweep);
        Assert.Equal([uuid], sweep.WithdrawalUuids);
        var byBundle = await client.SweepInfoByBundleAsync(sweep.BundleHash, Token);
        Assert.Equal(sweep.Timestamp, byBundle!.Timestamp);
        Assert.Equal([uuid], byBundle.WithdrawalUuids);
        Assert.Contains(await client.SweepSubscriptionAsync(0, Token), s => s.BundleHash == sweep.BundleHash && s.WithdrawalUuids.SequenceEqual([uuid]));
        var detail = await client.SweepDetailAsync(sweep.BundleHash, Token);
        Assert.False(detail!.Confirmed);
        Assert.All(detail.Trytes, t => Assert.Equal(2673, t.Length));
        var outputs = detail.Trytes.Select(BundleTransaction.TryParse).Where(t => t!.Value > 0);
        Assert.Equal(new BundleTransaction(HubStory.Payout90[..81], 250, TagRules.Pad("EXCHANGE")), Assert.Single(outputs));
        Assert.Null(await client.SweepDetailAsync(new string('9', 81), Token));
        var error = await Assert.ThrowsAsync<HubCommandException>(() => client.UserWithdrawCancelAsync(uuid, Token));
        Assert.Equal(HubError.WithdrawalCanNotBeCancelled, error.Error);
    }

    [Fact]
    public async Task A_cancel_before_the_sweep_succeeds_and_is_reported()
    {
        await FundedUserAsync("alice", 1_000);
        var uuid = await client.UserWithdrawAsync("alice", 250, HubStory.Payout90, null, Token);

        await client.UserWithdrawCancelAsync(uuid, Token);

        Assert.True(await client.WasWithdrawalCancelledAsync(uuid, Token));
        Assert.Equal(1_000, await client.GetBalanceAsync("alice", Token));
    }

    [Theory]
    [InlineData(HubError.UserDoesNotExist)]
    [InlineData(HubError.InsufficientBalance)]
    [InlineData(HubError.AddressWasSpent)]
    [InlineData(HubError.IotaNodeUnavailable)]
    [InlineData(HubError.InvalidAddress)]
    public async Task Hubs_refusals_of_a_withdrawal_come_back_as_typed_errors(HubError expected)
    {
        await FundedUserAsync("alice", 1_000);
        var (user, amount, address) = (expected, "alice", 100L, HubStory.Payout90) switch
        {
            (HubError.UserDoesNotExist, _, _, _) => ("nobody", 100L, HubStory.Payout90),
            (HubError.InsufficientBalance, _, _, _) => ("alice", 5_000L, HubStory.Payout90),
            (HubError.InvalidAddress, _, _, _) => ("alice", 100L, BadLastTrit()),
            _ => ("alice", 100L, HubStory.Payout90),
        };
        if (expected == HubError.AddressWasSpent) await hub.ControlAsync("spent", new { address = HubStory.Payout90 });
        if (expected == HubError.IotaNodeUnavailable) await hub.ControlAsync("fault", new { kind = "nodeUnavailable" });

        var error = await Assert.ThrowsAsync<HubCommandException>(() => client.UserWithdrawAsync(user, amount, address, null, Token));

        Assert.Equal(expected, error.Error);
    }

    [Fact]
    public async Task The_commands_hub_disables_by_default_say_cancelled_and_seeds_are_derived()
    {
        var address = await FundedUserAsync("alice", 1_000);

        foreach (var call in new Func<Task>[]
                 {
                     () => client.SignBundleAsync(address, new string('9', 81), "token", Token),
                     () => client.RecoverFundsAsync("alice", address, HubStory.Payout90, Token),
                     () => client.GetSeedForAddressAsync("alice", address, Token),
                 })
            Assert.Equal(HubError.Cancelled, (await Assert.ThrowsAsync<HubCommandException>(call)).Error);
        Assert.Equal(81, (await client.GetSeedForUuidAsync(new string('a', 64), Token)).Length);
        Assert.False(await client.WasAddressSpentFromAsync(HubStory.Payout90, Token));
        Assert.True(await client.WasAddressSpentFromAsync(address, Token));
    }

    [Fact]
    public async Task Batch_refusals_come_back_as_typed_errors()
    {
        await FundedUserAsync("alice", 1_000);
        await client.CreateUserAsync("bob", Token);

        var inconsistent = await Assert.ThrowsAsync<HubCommandException>(() =>
            client.ProcessTransferBatchAsync([new HubTransfer("bob", -5), new HubTransfer("alice", 5)], Token));
        var unknown = await Assert.ThrowsAsync<HubCommandException>(() =>
            client.ProcessTransferBatchAsync([new HubTransfer("alice", -5), new HubTransfer("carol", 5)], Token));

        Assert.Equal(HubError.BatchInconsistent, inconsistent.Error);
        Assert.Equal(HubError.UserDoesNotExist, unknown.Error);
    }

    private static string BadLastTrit()
    {
        var alias = HubStory.Payout90[..80] + "E";
        return alias + AddressChecksum.Compute(alias);
    }
}
