using System.Net;
using System.Net.Sockets;
using Exchange.Hub;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Hub.Client;

/// <summary>"Hub said no" and "we don't know what happened" are told apart; reads retry, writes never do.</summary>
[Integration]
public class HubClientTransportTests : IAsyncLifetime
{
    private EmulatorHost hub = null!;
    private CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => hub = await EmulatorHost.StartAsync();
    public ValueTask DisposeAsync() => hub.DisposeAsync();

    private Task Fault(string kind, int count = 1, int delaySeconds = 30) => hub.ControlAsync("fault", new { kind, count, delaySeconds });

    [Theory]
    [InlineData("drop")]
    [InlineData("http500")]
    [InlineData("garbage")]
    public async Task A_failed_write_is_a_transport_error_and_is_not_sent_again(string kind)
    {
        var client = HubClients.For(hub.BaseAddress, readRetries: 3);
        await Fault(kind);

        await Assert.ThrowsAsync<HubTransportException>(() => client.CreateUserAsync("alice", Token));

        // Not retried: the user was never created, and the next call goes through.
        Assert.Equal(CreateUserResult.Created, await client.CreateUserAsync("alice", Token));
    }

    [Fact]
    public async Task Hubs_unknown_error_to_a_write_is_an_unknown_outcome_while_to_a_read_it_stays_hubs_refusal()
    {
        var client = HubClients.For(hub.BaseAddress, readRetries: 0);
        await hub.ControlAsync("fault", new { kind = "error", command = "UserWithdrawCancel", error = "Unknown error" });

        // Hub answers its catch-all when its database fails too, after which the write may have committed.
        var write = await Assert.ThrowsAsync<HubTransportException>(() => client.UserWithdrawCancelAsync(Guid.NewGuid().ToString(), Token));
        var read = await Assert.ThrowsAsync<HubCommandException>(() => client.GetAddressInfoAsync("NOT-AN-ADDRESS", Token));

        Assert.Equal("UserWithdrawCancel: Hub answered \"Unknown error\", which it also gives when its database fails: whether it did the write is not known", write.Message);
        Assert.Equal(HubError.UnknownError, read.Error);
    }

    [Theory]
    [InlineData("drop")]
    [InlineData("http500")]
    [InlineData("garbage")]
    public async Task A_read_is_tried_again_after_a_transport_failure(string kind)
    {
        var client = HubClients.For(hub.BaseAddress, readRetries: 2);
        await Fault(kind, count: 2);

        Assert.Equal(0, await client.GetStatsAsync(Token));
    }

    [Fact]
    public async Task A_read_gives_up_once_its_retries_are_spent()
    {
        var client = HubClients.For(hub.BaseAddress, readRetries: 1);
        await Fault("http500", count: 2);

        var error = await Assert.ThrowsAsync<HubTransportException>(() => client.GetStatsAsync(Token));
        Assert.Contains("HTTP 500", error.Message);
    }

    [Fact]
    public async Task A_hub_slower_than_the_timeout_is_a_transport_error()
    {
        var client = HubClients.For(hub.BaseAddress, timeoutSeconds: 1, readRetries: 0);
        await Fault("delay", delaySeconds: 5);

        var error = await Assert.ThrowsAsync<HubTransportException>(() => client.GetStatsAsync(Token));
        Assert.Contains("did not answer within 1 s", error.Message);
    }

    [Fact]
    public async Task A_hub_that_is_not_listening_is_a_transport_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var client = HubClients.For(new Uri($"http://127.0.0.1:{port}"), readRetries: 0);

        var error = await Assert.ThrowsAsync<HubTransportException>(() => client.GetStatsAsync(Token));
        Assert.Contains("no answer from Hub", error.Message);
    }
}
