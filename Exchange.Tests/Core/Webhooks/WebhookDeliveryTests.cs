using System.Text.Json;
using Exchange.Core.Coins;
using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Webhooks;

namespace Exchange.Tests.Core.Webhooks;

/// <summary>Changes reach a real receiver as signed Standard Webhooks events, each exactly once, also across a crash.</summary>
public class WebhookDeliveryTests : WebhookTest
{
    protected override bool WithHub => true;

    [Fact]
    public async Task A_credited_deposit_and_a_withdrawals_whole_life_reach_the_endpoint_as_signed_events_each_exactly_once()
    {
        await RegisterAsync(Receiver);
        var address = (await Database.Get<DepositAddressService>().RequestAsync(Alice, Token)).Address!.Address;
        await Hub!.DepositAsync(address, 25_000_000);
        await Hub.TickAsync("monitor");
        await Database.Get<BalanceSync>().RunAsync(Token);
        await Hub.TickAsync("sweep");
        await Database.Get<BalanceSync>().RunAsync(Token);
        var withdrawal = await WithdrawalLifeAsync();

        await DeliverAsync();
        await DeliverAsync();

        var received = Receiver.Received;
        Assert.Equal(["deposit.credited", "deposit.seen", "withdrawal.completed", "withdrawal.requested", "withdrawal.sent"], received.Select(r => r.Type).Order());
        Assert.All(received, r => Assert.True(r.Verified, $"the signature of {r.Body} did not verify"));
        Assert.All(received, r => Assert.Equal("application/json", r.ContentType));
        Assert.Equal(received.Count, received.Select(r => r.Id).Distinct().Count());
        var credited = received.Single(r => r.Type == "deposit.credited");
        Assert.Equal(("25000000", CoinSymbols.Iota, "25 MIOTA"), (credited.Data("amount"), credited.Data("coin"), credited.Data("amountDisplay")));
        var completed = received.Single(r => r.Type == "withdrawal.completed").Json;
        Assert.Equal(["data", "timestamp", "type"], completed.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(withdrawal.ToString(), completed.GetProperty("data").GetProperty("withdrawal").GetString());
        Assert.Equal("12500000", completed.GetProperty("data").GetProperty("amount").GetString());
        Assert.All(completed.GetProperty("data").EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.True(DateTimeOffset.TryParse(completed.GetProperty("timestamp").GetString(), out _));
    }

    [Fact]
    public async Task Events_committed_before_a_crash_are_delivered_after_the_restart_once_each_and_a_send_cut_short_goes_again_with_its_id()
    {
        await RegisterAsync(Receiver);
        await WithdrawalLifeAsync();
        await Database.Get<Exchange.Core.Notices.NoticeDispatcher>().RunAsync(Token);
        // The node dies while the first delivery hangs: claimed, sent, never recorded.
        Receiver.Answering = async (_, number, aborted) =>
        {
            if (number == 1) await Task.Delay(Timeout.Infinite, aborted);
            return (200, "ok");
        };
        using (var crash = CancellationTokenSource.CreateLinkedTokenSource(Token))
        {
            var run = Database.Get<WebhookSender>().RunAsync(crash.Token);
            await Receiver.WaitForAsync(1);
            await crash.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }
        var before = Database.Time.GetUtcNow();
        await Database.DisposeAsync();

        var restarted = Database = await StartAsync();
        restarted.Time.SetUtcNow(before + new WebhookOptions().ClaimLease + TimeSpan.FromSeconds(1));
        await DeliverAsync(restarted);
        await DeliverAsync(restarted);

        var received = Receiver.Received;
        Assert.Equal(["withdrawal.completed", "withdrawal.requested", "withdrawal.requested", "withdrawal.sent"], received.Select(r => r.Type).Order());
        Assert.Single(received.Where(r => r.Type == "withdrawal.requested").Select(r => r.Id).Distinct());
        Assert.Equal(3, received.Select(r => r.Id).Distinct().Count());
        Assert.All(received, r => Assert.True(r.Verified));
    }
}
