using System.Text;
using System.Text.Json;
using Exchange.Hub.Emulator.Wire;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Hub.Emulator;

/// <summary>
/// The list answers are written as they are produced; byte for byte they are still what a whole
/// <see cref="HubObject"/> tree gives (PROTOCOL.md §1.4): pretty-printing, escaping, event_N keys, the groups' order.
/// </summary>
[Integration]
public class StreamedAnswerTests : IAsyncLifetime
{
    // Every character class Hub's writer treats apart: quote, backslash, slash, control characters, and raw UTF-8.
    private const string OddUser = "o\"dd\\user/\t\n\u0001 ü 😀";
    private EmulatorHost hub = null!;

    public async ValueTask InitializeAsync() => hub = await EmulatorHost.StartAsync();
    public ValueTask DisposeAsync() => hub.DisposeAsync();

    [Fact]
    public async Task BalanceSubscription_over_every_event_kind_is_what_the_hub_object_tree_renders()
    {
        await HubStory.PlayAsync(hub, StoryStage.SecondSweepConfirmed);
        await hub.CommandAsync(new { command = "CreateUser", userId = OddUser });
        var address = (await hub.CommandAsync(new { command = "GetDepositAddress", userId = OddUser, includeChecksum = true })).GetProperty("address").GetString()!;
        await hub.DepositAsync(address, 300);
        await hub.TickAsync("monitor");
        await hub.TickAsync("sweep");
        await hub.CommandAsync(new { command = "UserWithdraw", userId = OddUser, amount = 20, payoutAddress = HubStory.Payout90, validateChecksum = "true" });

        var (status, body) = await RawHttp.SendAsync(hub.BaseAddress, "POST", "{\"command\": \"BalanceSubscription\", \"newerThan\": 0}");

        Assert.Equal(200, status);
        Assert.Equal(Rendered(body!), body);
        foreach (var reason in new[] { "DEPOSIT", "WITHDRAWAL", "WITHDRAWAL_CANCELED", "UA_DEPOSIT", "UA_SWEEP", "INBOUND", "OUTBOUND" })
            Assert.Contains($"\"reason\": \"{reason}\"", body);
        Assert.Contains("o\\\"dd\\\\user\\/\\t\\n\\u0001 ü 😀", body);
    }

    [Fact]
    public async Task The_other_list_answers_are_what_the_tree_renders_too()
    {
        await HubStory.PlayAsync(hub, StoryStage.Complete);

        foreach (var request in new[]
        {
            "{\"command\": \"SweepSubscription\", \"newerThan\": 0}",
            "{\"command\": \"GetUserHistory\", \"userId\": \"SomeUser\", \"newerThan\": \"0\"}",
            "{\"command\": \"BalanceSubscription\", \"newerThan\": \"99999999999999\"}",
        })
        {
            var (_, body) = await RawHttp.SendAsync(hub.BaseAddress, "POST", request);
            Assert.Equal(Rendered(body!), body);
        }
    }

    [Fact]
    public async Task SweepDetail_of_a_sweep_with_many_inputs_answers_all_its_trytes()
    {
        await using var wide = await EmulatorHost.StartAsync(o => o.SweepMaxDeposits = 40);
        for (var i = 0; i < 40; i++)
        {
            var user = $"wide-{i}";
            await wide.CommandAsync(new { command = "CreateUser", userId = user });
            var address = (await wide.CommandAsync(new { command = "GetDepositAddress", userId = user, includeChecksum = true })).GetProperty("address").GetString()!;
            await wide.DepositAsync(address, 1000 + i);
        }
        await wide.TickAsync("monitor");
        await wide.TickAsync("sweep");
        var bundle = (await wide.CommandAsync(new { command = "SweepSubscription", newerThan = 0 })).GetProperty("event_0").GetProperty("bundleHash").GetString();

        var (status, body) = await RawHttp.SendAsync(wide.BaseAddress, "POST", $"{{\"command\": \"SweepDetail\", \"bundleHash\": \"{bundle}\"}}");

        Assert.Equal(200, status);
        Assert.True(body!.Length > 40 * 2 * 2673, $"a sweep of 40 inputs has over 80 transactions of 2673 trytes; the answer was {body.Length} characters");
        Assert.Equal(81, body.Split("\"trytes\"").Length - 1);
    }

    [Fact]
    public void Events_written_piece_by_piece_equal_the_whole_tree()
    {
        var events = Enumerable.Range(0, 3000).Select(i => new HubObject().Add("userId", OddUser + i).Add("amount", -i).Add("nested", new HubObject())).ToList();
        var tree = new HubObject();
        for (var i = 0; i < events.Count; i++) tree.Add($"event_{i}", events[i]);

        var streamed = EmulatorAnswer.Events(() => events);

        Assert.Equal(tree.ToJson(), streamed.ToJson());
        Assert.Equal(Encoding.UTF8.GetByteCount(tree.ToJson()), streamed.ByteCount());
        Assert.Equal("{\n}\n", EmulatorAnswer.Events(() => []).ToJson());
    }

    [Fact]
    public async Task Faults_still_apply_to_the_streamed_commands()
    {
        await hub.ControlAsync("fault", new { kind = "garbage", count = 1, command = "BalanceSubscription" });
        await hub.ControlAsync("fault", new { kind = "error", count = 1, command = "BalanceSubscription", error = "Unknown error" });
        await hub.ControlAsync("fault", new { kind = "drop", count = 1, command = "SweepSubscription" });

        var garbage = await hub.PostAsync("{\"command\": \"BalanceSubscription\", \"newerThan\": 0}");
        var error = await hub.PostAsync("{\"command\": \"BalanceSubscription\", \"newerThan\": 0}");
        var dropped = await RawHttp.SendAsync(hub.BaseAddress, "POST", "{\"command\": \"SweepSubscription\", \"newerThan\": 0}");

        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(garbage.Body));
        Assert.Equal("{\n    \"error\": \"Unknown error\"\n}\n", error.Body);
        Assert.Null(dropped.Status);
    }

    // The answer read back member by member (repeated keys kept, in order) and written again by HubObject.
    private static string Rendered(string body) => TreeOf(JsonDocument.Parse(body).RootElement).ToJson();

    private static HubObject TreeOf(JsonElement element)
    {
        var tree = new HubObject();
        foreach (var member in element.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Object) tree.Add(member.Name, TreeOf(member.Value));
            else tree.Add(member.Name, member.Value.GetString()!);
        }
        return tree;
    }
}
