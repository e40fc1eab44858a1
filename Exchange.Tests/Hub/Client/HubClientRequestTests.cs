using System.Collections.Concurrent;
using System.Text;
using Exchange.Hub.Client;
using Exchange.Tests.Hub.Emulator;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Hub.Client;

/// <summary>What the client puts on the wire (PROTOCOL.md §4.5), seen by a server that records each body.</summary>
[Integration]
public class HubClientRequestTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> bodies = new();
    private WebApplication server = null!;
    private IHubClient client = null!;
    private string answer = "{\n}\n";
    private CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        server = builder.Build();
        server.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            bodies.Enqueue(await reader.ReadToEndAsync());
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(answer);
        });
        await server.StartAsync(Token);
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        client = HubClients.For(new Uri(address));
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private async Task<string> SentBy(Func<Task> call, string reply)
    {
        answer = reply;
        await call();
        Assert.True(bodies.TryDequeue(out var body));
        return body;
    }

    [Fact]
    public async Task Every_request_starts_with_its_command_and_sends_the_fields_hub_needs()
    {
        Assert.Equal("{\"command\":\"GetUserHistory\",\"userId\":\"user-1\",\"newerThan\":0}",
            await SentBy(() => client.GetUserHistoryAsync("user-1", 0, Token), "{\n}\n"));
        Assert.Equal("{\"command\":\"SweepSubscription\",\"newerThan\":1563796442000}",
            await SentBy(() => client.SweepSubscriptionAsync(1563796442000, Token), "{\n}\n"));
        Assert.Equal("{\"command\":\"SweepInfo\",\"requestByUuid\":\"true\",\"withdrawalUuid\":\"u\"}",
            await SentBy(() => client.SweepInfoByWithdrawalAsync("u", Token), "{\n    \"error\": \"Cancelled\"\n}\n"));
        Assert.Equal("{\"command\":\"SweepInfo\",\"requestByUuid\":\"false\",\"bundleHash\":\"B\"}",
            await SentBy(() => client.SweepInfoByBundleAsync("B", Token), "{\n    \"error\": \"Cancelled\"\n}\n"));
        Assert.Equal("{\"command\":\"GetDepositAddress\",\"userId\":\"user-1\",\"includeChecksum\":\"true\"}",
            await SentBy(() => client.GetDepositAddressAsync("user-1", Token), "{\n    \"address\": \"" + HubStory.Payout90 + "\"\n}\n"));
    }

    [Fact]
    public async Task A_withdrawal_sends_amount_the_90_tryte_address_with_validate_checksum_and_the_tag()
    {
        var body = await SentBy(() => client.UserWithdrawAsync("user-hot-wallet", 1_500, HubStory.Payout90, "EXCHANGE", Token),
            "{\n    \"uuid\": \"50485062-f5f0-4cac-bad6-bb0362ae5138\"\n}\n");

        Assert.Equal("{\"command\":\"UserWithdraw\",\"userId\":\"user-hot-wallet\",\"amount\":1500,\"payoutAddress\":\"" + HubStory.Payout90
            + "\",\"validateChecksum\":\"true\",\"tag\":\"EXCHANGE\"}", body);
        await Assert.ThrowsAsync<ArgumentException>(() => client.UserWithdrawAsync("u", 1, HubStory.Payout, null, Token));
    }

    [Fact]
    public async Task Checksums_are_stripped_where_hub_wants_81_trytes_and_validated_only_with_90()
    {
        Assert.Contains($"\"address\":\"{HubStory.Payout}\"",
            await SentBy(() => client.GetAddressInfoAsync(HubStory.Payout90, Token), "{\n    \"userId\": \"u\"\n}\n"));
        Assert.EndsWith($"\"address\":\"{HubStory.Payout}\",\"validateChecksum\":\"false\"}}",
            await SentBy(() => client.WasAddressSpentFromAsync(HubStory.Payout, Token), "{\n    \"wasAddressSpentFrom\": \"false\"\n}\n"));
        Assert.EndsWith($"\"address\":\"{HubStory.Payout90}\",\"validateChecksum\":\"true\"}}",
            await SentBy(() => client.WasAddressSpentFromAsync(HubStory.Payout90, Token), "{\n    \"wasAddressSpentFrom\": \"false\"\n}\n"));
    }

    [Fact]
    public async Task Transfers_go_as_a_real_json_array()
    {
        var body = await SentBy(() => client.ProcessTransferBatchAsync([new HubTransfer("user-1", -5), new HubTransfer("user-hot-wallet", 5)], Token), "{\n}\n");

        Assert.Equal("{\"command\":\"ProcessTransferBatch\",\"transfers\":[{\"userId\":\"user-1\",\"amount\":-5},{\"userId\":\"user-hot-wallet\",\"amount\":5}]}", body);
    }

    [Fact]
    public async Task Repeated_keys_are_all_kept_and_event_numbers_are_sorted_as_numbers()
    {
        answer = "{\n    \"confirmed\": \"true\",\n    \"trytes\": \"AAA\",\n    \"trytes\": \"BBB\",\n    \"tailHash\": \"T2\",\n    \"tailHash\": \"T1\"\n}\n";
        var detail = await client.SweepDetailAsync("B", Token);
        answer = string.Concat("{\n", string.Join(",\n", Enumerable.Range(0, 12).Reverse().Select(i =>
            $"    \"event_{i}\": {{\n        \"bundleHash\": \"B{i}\",\n        \"timestamp\": \"{i}\"\n    }}")), "\n}\n");
        var sweeps = await client.SweepSubscriptionAsync(0, Token);

        Assert.True(detail!.Confirmed);
        Assert.Equal(["AAA", "BBB"], detail.Trytes);
        Assert.Equal(["T2", "T1"], detail.TailHashes);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"B{i}"), sweeps.Select(s => s.BundleHash));
    }

    [Theory]
    [InlineData("{\n    \"totalBalance\": \"12x\"\n}\n")]
    [InlineData("{\n    \"somethingElse\": \"1\"\n}\n")]
    [InlineData("{\n    \"error\": \"A brand new error\"\n}\n")]
    [InlineData("[]")]
    public async Task An_answer_that_is_not_what_hub_sends_is_a_transport_error(string reply)
    {
        answer = reply;
        await Assert.ThrowsAsync<HubTransportException>(() => HubClients.For(new Uri(server.Urls.First()), readRetries: 0).GetStatsAsync(Token));
    }
}
