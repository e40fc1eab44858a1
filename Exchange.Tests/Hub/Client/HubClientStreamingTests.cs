using Exchange.Hub;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Hub.Client;

/// <summary>BalanceSubscription read as it arrives, over HTTP from the emulator: the same events, and the same failures, as the whole answer.</summary>
[Integration]
public class HubClientStreamingTests : IAsyncLifetime
{
    private EmulatorHost hub = null!;
    private CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => hub = await EmulatorHost.StartAsync(o => o.SweepMaxDeposits = 1_000);
    public ValueTask DisposeAsync() => hub.DisposeAsync();

    private Task Fault(string kind, int count = 1, int delaySeconds = 30) =>
        hub.ControlAsync("fault", new { kind, count, delaySeconds, command = "BalanceSubscription" });

    private async Task<List<BalanceEvent>> StreamAsync(IHubClient client, long newerThan = 0)
    {
        var events = new List<BalanceEvent>();
        await foreach (var e in client.StreamBalanceSubscriptionAsync(newerThan, Token))
            events.Add(e);
        return events;
    }

    private async Task DepositsAsync(IHubClient client, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var user = $"user-{i}";
            await client.CreateUserAsync(user, Token);
            await hub.DepositAsync(await client.GetDepositAddressAsync(user, Token), 1_000 + i);
        }
        await hub.TickAsync("monitor");
        hub.Time.Advance(TimeSpan.FromSeconds(1));
        await hub.TickAsync("sweep");
    }

    [Fact]
    public async Task A_long_answer_streams_every_event_in_hubs_document_order()
    {
        var client = HubClients.For(hub.BaseAddress);
        await DepositsAsync(client, 150);

        var streamed = await StreamAsync(client);

        // Hub's groups one after the other: USER_ACCOUNT, then USER_ADDRESS, then HUB_ADDRESS.
        Assert.Equal(150 * 3 + 1, streamed.Count);
        Assert.All(streamed.Take(150), e => Assert.IsType<DepositEvent>(e));
        Assert.All(streamed.Skip(150).Take(150), e => Assert.IsType<AddressDepositEvent>(e));
        Assert.All(streamed.Skip(300).Take(150), e => Assert.IsType<AddressSweepEvent>(e));
        Assert.IsType<InboundEvent>(streamed[^1]);
        Assert.Equal(Enumerable.Range(0, 150).Select(i => 1_000L + i).Order(), streamed.OfType<DepositEvent>().Select(d => d.Amount).Order());
        Assert.Equal(streamed, await client.BalanceSubscriptionAsync(0, Token));
    }

    [Fact]
    public async Task An_empty_answer_streams_nothing_and_the_filter_is_inclusive()
    {
        var client = HubClients.For(hub.BaseAddress);
        Assert.Empty(await StreamAsync(client));

        await DepositsAsync(client, 1);
        var all = await StreamAsync(client);
        var fromTheSweep = await StreamAsync(client, all.OfType<DepositEvent>().Single().Timestamp);

        Assert.DoesNotContain(fromTheSweep, e => e is AddressDepositEvent);
        Assert.Contains(fromTheSweep, e => e is DepositEvent);
    }

    [Theory]
    [InlineData("drop")]
    [InlineData("http500")]
    [InlineData("garbage")]
    public async Task A_transport_failure_before_the_first_event_is_tried_again(string kind)
    {
        var client = HubClients.For(hub.BaseAddress, readRetries: 2);
        await DepositsAsync(client, 3);
        await Fault(kind, count: 2);

        Assert.Equal(3 * 3 + 1, (await StreamAsync(client)).Count);
    }

    [Theory]
    [InlineData("drop", "no answer from Hub")]
    [InlineData("http500", "HTTP 500")]
    [InlineData("garbage", "not JSON")]
    public async Task A_transport_failure_once_retries_are_spent_says_what_went_wrong(string kind, string message)
    {
        var client = HubClients.For(hub.BaseAddress, readRetries: 0);
        await Fault(kind);

        var error = await Assert.ThrowsAsync<HubTransportException>(() => StreamAsync(client));

        Assert.Contains(message, error.Message);
        Assert.Equal("BalanceSubscription", error.Command);
    }

    [Fact]
    public async Task A_hub_slower_than_the_timeout_is_a_transport_error()
    {
        var client = HubClients.For(hub.BaseAddress, timeoutSeconds: 1, readRetries: 0);
        await Fault("delay", delaySeconds: 5);

        var error = await Assert.ThrowsAsync<HubTransportException>(() => StreamAsync(client));

        Assert.Contains("did not answer within 1 s", error.Message);
    }

    [Fact]
    public async Task Hubs_error_answer_is_its_typed_error_and_is_not_tried_again()
    {
        var client = HubClients.For(hub.BaseAddress, readRetries: 2);
        await hub.ControlAsync("fault", new { kind = "error", command = "BalanceSubscription", error = "Unknown error", count = 1 });

        var error = await Assert.ThrowsAsync<HubCommandException>(() => StreamAsync(client));

        Assert.Equal(HubError.UnknownError, error.Error);
        Assert.Empty(await StreamAsync(client));
    }
}
