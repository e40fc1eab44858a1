using System.Net;
using System.Text;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Hub.Emulator;

[Integration]
public class EmulatorChoicesAndFaultsTests : IAsyncLifetime
{
    private EmulatorHost hub = null!;

    public async ValueTask InitializeAsync()
    {
        hub = await EmulatorHost.StartAsync();
        await hub.CommandAsync(new { command = "CreateUser", userId = "SomeUser" });
    }

    public ValueTask DisposeAsync() => hub.DisposeAsync();

    // Where Hub's behaviour is undefined (PROTOCOL.md §7) the emulator picks the documented suggestion.
    [Fact]
    public async Task Undefined_cases_get_the_documented_deterministic_answers()
    {
        var noAmount = await hub.PostAsync("{\"command\": \"UserWithdraw\", \"userId\": \"SomeUser\", \"payoutAddress\": \"" + HubStory.Payout[..81] + "\"}");
        var noNewerThan = await hub.PostAsync("{\"command\": \"SweepSubscription\"}");
        var shortUuid = await hub.PostAsync("{\"command\": \"GetSeedForUUID\", \"uuid\": \"SomeUUID\"}");
        var shortUuidAgain = await hub.PostAsync("{\"command\": \"GetSeedForUUID\", \"uuid\": \"SomeUUID\"}");

        Assert.Equal((200, "{\n    \"error\": \"Unknown error\"\n}\n"), noAmount);
        Assert.Equal((200, "{\n}\n"), noNewerThan);
        Assert.Matches("^\\{\n    \"seed\": \"[A-Z9]{81}\"\n\\}\n$", shortUuid.Body);
        Assert.Equal(shortUuid, shortUuidAgain);
    }

    [Fact]
    public async Task A_drop_fault_closes_the_connection_without_an_answer()
    {
        await hub.ControlAsync("fault", new { kind = "drop", count = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => hub.PostAsync("{\"command\": \"GetStats\"}"));
        Assert.Equal(200, (await hub.PostAsync("{\"command\": \"GetStats\"}")).Status);
    }

    [Fact]
    public async Task A_delay_fault_holds_the_answer_past_a_short_client_timeout()
    {
        await hub.ControlAsync("fault", new { kind = "delay", count = 1, delaySeconds = 5 });
        using var impatient = new HttpClient { BaseAddress = hub.BaseAddress, Timeout = TimeSpan.FromMilliseconds(500) };

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.PostAsync("/", new StringContent("{\"command\": \"GetStats\"}"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_http500_fault_answers_500_in_plain_text()
    {
        await hub.ControlAsync("fault", new { kind = "http500", count = 1 });

        var (status, body) = await hub.PostAsync("{\"command\": \"GetStats\"}");

        Assert.Equal(500, status);
        Assert.DoesNotContain("{", body);
    }

    [Fact]
    public async Task A_garbage_fault_answers_200_with_a_body_that_is_not_json()
    {
        await hub.ControlAsync("fault", new { kind = "garbage", count = 2 });

        var first = await hub.PostAsync("{\"command\": \"GetStats\"}");
        var second = await hub.PostAsync("{\"command\": \"GetStats\"}");
        var third = await hub.PostAsync("{\"command\": \"GetStats\"}");

        Assert.Equal(200, first.Status);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(first.Body));
        Assert.Equal(first, second);
        Assert.Equal("{\n    \"totalBalance\": \"0\"\n}\n", third.Body);
    }

    [Fact]
    public async Task A_node_fault_fails_node_commands_and_makes_the_services_skip()
    {
        await hub.ControlAsync("fault", new { kind = "nodeUnavailable", count = 1 });

        var ticks = await hub.ControlAsync("tick", new { service = "sweep" });
        var spent = await hub.PostAsync("{\"command\": \"WasAddressSpentFrom\", \"address\": \"" + HubStory.Payout[..81] + "\"}");

        Assert.Contains("\"ran\":false", ticks);
        Assert.Equal("{\n    \"error\": \"IOTA node is unavailable\"\n}\n", spent.Body);
    }

    [Theory]
    [InlineData("deposit", "{\"address\": \"NOTANADDRESS\", \"amount\": 5}", "An IOTA address has 90 characters (81 + 9 checksum); this one has 12.")]
    [InlineData("deposit", "{\"address\": \"FJHSSHBZTAKQNDTIKJYCZBOZDGSZANCZSWCNWUOCZXFADNOQSYAHEJPXRLOVPNOQFQXXGEGVDGICLMOXXCHLTDDASB\", \"amount\": 5}", "is not a deposit address this Hub issued")]
    [InlineData("deposit", "{\"address\": \"FJHSSHBZTAKQNDTIKJYCZBOZDGSZANCZSWCNWUOCZXFADNOQSYAHEJPXRLOVPNOQFQXXGEGVDGICLMOXXCHLTDDASB\", \"amount\": 0}", "must be a positive number of iotas")]
    [InlineData("tick", "{\"service\": \"everything\"}", "Unknown service 'everything'")]
    [InlineData("fault", "{\"kind\": \"meteor\"}", "Unknown fault kind 'meteor'")]
    public async Task A_bad_control_request_is_a_400_with_a_clear_message(string control, string json, string message)
    {
        using var response = await hub.Http.PostAsync($"/_emulator/{control}", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_state_dump_shows_users_and_the_tangle()
    {
        var state = await hub.Http.GetStringAsync("/_emulator/state", TestContext.Current.CancellationToken);

        Assert.Contains("\"userId\":\"SomeUser\"", state);
        Assert.Contains("\"tangle\"", state);
    }
}
