using System.Text.Json;
using Exchange.Hub.Iota;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Hub.Emulator;

[Integration]
public class EmulatorLifecycleTests : IAsyncLifetime
{
    private const string Payout = "FJHSSHBZTAKQNDTIKJYCZBOZDGSZANCZSWCNWUOCZXFADNOQSYAHEJPXRLOVPNOQFQXXGEGVDGICLMOXXCHLTDDASB";
    private EmulatorHost hub = null!;

    public async ValueTask InitializeAsync() => hub = await EmulatorHost.StartAsync();
    public ValueTask DisposeAsync() => hub.DisposeAsync();

    private async Task<string> NewAddressAsync(string user)
    {
        await hub.CommandAsync(new { command = "CreateUser", userId = user });
        return (await hub.CommandAsync(new { command = "GetDepositAddress", userId = user, includeChecksum = true })).GetProperty("address").GetString()!;
    }

    private async Task<List<JsonElement>> EventsAsync(object request)
    {
        var (_, body) = await hub.PostAsync(JsonSerializer.Serialize(request));
        return JsonDocument.Parse(body).RootElement.EnumerateObject().Select(p => p.Value.Clone()).ToList();
    }


    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Fact]
    public async Task Every_address_is_new_and_carries_a_real_kerl_checksum()
    {
        var first = await NewAddressAsync("alice");
        var second = (await hub.CommandAsync(new { command = "GetDepositAddress", userId = "alice", includeChecksum = "true" })).GetProperty("address").GetString()!;

        Assert.NotEqual(first, second);
        Assert.True(AddressChecksum.IsValid(first));
        Assert.Contains(first[80], AddressRules.ValidLastTrytes);
    }

    [Fact]
    public async Task A_deposit_is_seen_by_the_monitor_and_credited_when_the_sweep_is_created()
    {
        var address = await NewAddressAsync("alice");
        await hub.DepositAsync(address, 1_000);

        await hub.TickAsync("monitor");
        var seen = await EventsAsync(new { command = "BalanceSubscription", newerThan = 0 });
        var balanceBeforeSweep = S(await hub.CommandAsync(new { command = "GetBalance", userId = "alice" }), "available");
        await hub.TickAsync("sweep");
        var after = await EventsAsync(new { command = "BalanceSubscription", newerThan = 0 });

        var uaDeposit = Assert.Single(seen);
        Assert.Equal(("UA_DEPOSIT", "1000", address[..81]), (S(uaDeposit, "reason"), S(uaDeposit, "amount"), S(uaDeposit, "userAddress")));
        Assert.Equal("0", balanceBeforeSweep);
        var deposit = after.Single(e => S(e, "reason") == "DEPOSIT");
        var sweep = after.Single(e => S(e, "reason") == "UA_SWEEP");
        Assert.Equal(("1000", S(sweep, "hash")), (S(deposit, "amount"), S(deposit, "sweepBundleHash")));
        Assert.Equal("1000", S(await hub.CommandAsync(new { command = "GetBalance", userId = "alice" }), "available"));
    }

    [Fact]
    public async Task A_second_deposit_to_a_swept_address_is_never_credited()
    {
        var address = await NewAddressAsync("alice");
        await hub.DepositAsync(address, 1_000);
        await hub.TickAsync("monitor");
        await hub.TickAsync("sweep");

        await hub.DepositAsync(address, 500);
        await hub.TickAsync("monitor");
        await hub.TickAsync("sweep");

        Assert.Equal("1000", S(await hub.CommandAsync(new { command = "GetBalance", userId = "alice" }), "available"));
        Assert.Single(await EventsAsync(new { command = "BalanceSubscription", newerThan = 0 }), e => S(e, "reason") == "UA_DEPOSIT");
    }

    [Fact]
    public async Task A_withdrawal_cancelled_before_the_sweep_is_refunded_and_one_after_is_refused()
    {
        var address = await NewAddressAsync("alice");
        await hub.DepositAsync(address, 1_000);
        await hub.TickAsync("monitor");
        await hub.TickAsync("sweep");

        var cancelled = S(await hub.CommandAsync(new { command = "UserWithdraw", userId = "alice", amount = 100, payoutAddress = Payout, validateChecksum = "true" }), "uuid");
        var cancel = await hub.CommandAsync(new { command = "UserWithdrawCancel", uuid = cancelled });
        var swept = S(await hub.CommandAsync(new { command = "UserWithdraw", userId = "alice", amount = 200, payoutAddress = Payout, validateChecksum = "true" }), "uuid");
        await hub.ConfirmSweepsAsync();
        await hub.TickAsync("sweep");
        var late = await hub.CommandAsync(new { command = "UserWithdrawCancel", uuid = swept });

        Assert.Equal("true", S(cancel, "success"));
        Assert.Equal("Withdrawal can not be cancelled", S(late, "error"));
        Assert.Equal("800", S(await hub.CommandAsync(new { command = "GetBalance", userId = "alice" }), "available"));
        var events = await EventsAsync(new { command = "BalanceSubscription", newerThan = 0 });
        Assert.Single(events, e => S(e, "reason") == "WITHDRAWAL_CANCELED" && S(e, "withdrawalUuid") == cancelled);
        var info = await hub.CommandAsync(new { command = "SweepInfo", requestByUuid = "true", withdrawalUuid = swept });
        Assert.Equal(swept, S(info, "withdrawalUuid"));
    }

    [Fact]
    public async Task More_than_seven_withdrawals_are_spread_over_several_sweeps()
    {
        var address = await NewAddressAsync("alice");
        await hub.DepositAsync(address, 10_000);
        await hub.TickAsync("monitor");
        await hub.TickAsync("sweep");
        for (var i = 0; i < 10; i++)
            await hub.CommandAsync(new { command = "UserWithdraw", userId = "alice", amount = 10, payoutAddress = Payout, validateChecksum = "true" });

        var sweepSizes = new List<int>();
        for (var round = 0; round < 3; round++)
        {
            await hub.ConfirmSweepsAsync();
            await hub.TickAsync("sweep");
        }
        foreach (var sweep in await EventsAsync(new { command = "SweepSubscription", newerThan = 0 }))
            sweepSizes.Add(sweep.EnumerateObject().Count(p => p.Name == "withdrawalUuid"));

        Assert.Equal([0, 7, 3], sweepSizes);
    }

    [Fact]
    public async Task Withdrawals_wait_while_hub_funds_are_short_and_the_deposits_are_still_swept()
    {
        var alice = await NewAddressAsync("alice");
        await hub.DepositAsync(alice, 1_000);
        await hub.TickAsync("monitor");
        await hub.TickAsync("sweep");
        var uuid = S(await hub.CommandAsync(new { command = "UserWithdraw", userId = "alice", amount = 900, payoutAddress = Payout, validateChecksum = "true" }), "uuid");
        hub.Time.Advance(TimeSpan.FromSeconds(1));

        await hub.TickAsync("sweep"); // the hub address from the first sweep is not confirmed yet
        var pending = await hub.CommandAsync(new { command = "SweepInfo", requestByUuid = "true", withdrawalUuid = uuid });
        await hub.ConfirmSweepsAsync();
        await hub.TickAsync("sweep");
        var paid = await hub.CommandAsync(new { command = "SweepInfo", requestByUuid = "true", withdrawalUuid = uuid });

        Assert.Equal("Cancelled", S(pending, "error"));
        Assert.Equal(uuid, S(paid, "withdrawalUuid"));
    }

    [Fact]
    public async Task A_restart_keeps_users_balances_and_withdrawals()
    {
        var address = await NewAddressAsync("alice");
        await hub.DepositAsync(address, 1_000);
        await hub.TickAsync("all");
        var uuid = S(await hub.CommandAsync(new { command = "UserWithdraw", userId = "alice", amount = 10, payoutAddress = Payout, validateChecksum = "true" }), "uuid");

        hub = await hub.RestartAsync();

        Assert.Equal("990", S(await hub.CommandAsync(new { command = "GetBalance", userId = "alice" }), "available"));
        Assert.Equal("false", S(await hub.CommandAsync(new { command = "WasWithdrawalCancelled", uuid }), "wasCancelled"));
        Assert.Equal("alice", S(await hub.CommandAsync(new { command = "GetAddressInfo", address = address[..81] }), "userId"));
    }
}
