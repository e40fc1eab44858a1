using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exchange.Hub;
using Exchange.Hub.Emulator;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Hub.Emulator;

/// <summary>
/// Every case of Fixtures/hub-examples.json against the emulator over real HTTP, each on a fresh
/// emulator brought to the state the case needs. Status codes and bodies must match byte for byte,
/// except values random by nature (addresses, hashes, UUIDs, trytes, seeds), which are compared by
/// shape — and by where the same value recurs — and timestamps, compared as timestamps.
/// </summary>
[Integration]
public partial class ExampleReplayTests
{
    private static readonly JsonElement[] Examples = Fixtures.Json("hub-examples.json").RootElement.EnumerateArray().ToArray();

    // What a case needs beyond the complete story.
    private sealed record Setup(StoryStage Stage = StoryStage.Complete, Fault? Fault = null, bool PayoutSpent = false,
        Action<HubEmulatorOptions>? Options = null, bool FreshAddress = false, bool LateDeposit = false);

    private static Fault ErrorFault(string command, HubError error) => new(FaultKind.Error, 1, TimeSpan.Zero, command, error);
    private static readonly Fault NodeDown = new(FaultKind.NodeUnavailable, 1, TimeSpan.Zero, null, null);
    private static readonly Action<HubEmulatorOptions> SignBundleOn = o => o.SignBundleEnabled = true;
    private static readonly Action<HubEmulatorOptions> RecoverFundsOn = o => o.RecoverFundsEnabled = true;
    private static readonly Action<HubEmulatorOptions> SeedForAddressOn = o => o.GetSeedForAddressEnabled = true;

    private static readonly Dictionary<int, Setup> Setups = new()
    {
        [9] = new(StoryStage.Empty),
        [10] = new(StoryStage.Empty),
        [20] = new(Fault: ErrorFault("GetDepositAddress", HubError.GetAddressFailed)),
        [21] = new(Fault: ErrorFault("GetDepositAddress", HubError.UnknownError)),
        // Attached at once, reattached 40 s later, confirmed a minute after that: two tails.
        [37] = new(StoryStage.SecondSweepConfirmed, Options: o => { o.ConfirmationDelay = TimeSpan.FromSeconds(60); o.ReattachAfter = TimeSpan.FromSeconds(30); }),
        [38] = new(StoryStage.FirstSweep),
        [63] = new(Fault: NodeDown),
        [64] = new(PayoutSpent: true),
        [65] = new(StoryStage.FirstWithdrawalPending),
        [66] = new(StoryStage.FirstWithdrawalPending),
        [75] = new(PayoutSpent: true),
        [80] = new(Fault: NodeDown),
        [102] = new(Fault: ErrorFault("ProcessTransferBatch", HubError.UnknownError)),
        [105] = new(Options: SignBundleOn), [106] = new(Options: SignBundleOn), [107] = new(Options: SignBundleOn),
        [108] = new(Options: SignBundleOn), [109] = new(Options: SignBundleOn),
        [110] = new(Options: SignBundleOn, FreshAddress: true),
        [111] = new(Options: o => { o.SignBundleEnabled = true; o.SignBundleToken = "ANOTHERTOKEN"; }),
        [112] = new(Options: SignBundleOn, Fault: ErrorFault("SignBundle", HubError.SignatureFailed)),
        [114] = new(Options: RecoverFundsOn, LateDeposit: true),
        [115] = new(Options: RecoverFundsOn), [116] = new(Options: RecoverFundsOn), [117] = new(Options: RecoverFundsOn),
        [118] = new(Options: RecoverFundsOn), [119] = new(Options: RecoverFundsOn), [120] = new(Options: RecoverFundsOn),
        [121] = new(Options: RecoverFundsOn, FreshAddress: true),
        [122] = new(Options: RecoverFundsOn, Fault: NodeDown, LateDeposit: true),
        [123] = new(Options: RecoverFundsOn, PayoutSpent: true, LateDeposit: true),
        [124] = new(Options: RecoverFundsOn, Fault: ErrorFault("RecoverFunds", HubError.AddressNotKnownToNode)),
        [125] = new(Options: RecoverFundsOn),
        [127] = new(Options: SeedForAddressOn), [128] = new(Options: SeedForAddressOn), [129] = new(Options: SeedForAddressOn),
        [130] = new(Options: SeedForAddressOn), [131] = new(Options: SeedForAddressOn), [132] = new(Options: SeedForAddressOn),
    };

    /// <summary>Cases whose outcome Hub leaves undefined (PROTOCOL.md §7); the emulator's choices are tested below.</summary>
    private static bool IsUndefined(JsonElement example) =>
        example.GetProperty("httpStatus") is { ValueKind: JsonValueKind.String } status && status.GetString() == "UNKNOWN";

    public static TheoryData<int> DefinedCases() =>
        new(Enumerable.Range(0, Examples.Length).Where(i => !IsUndefined(Examples[i])));

    [Theory]
    [MemberData(nameof(DefinedCases))]
    public async Task The_emulator_answers_the_example_exactly(int index)
    {
        var example = Examples[index];
        var setup = Setups.GetValueOrDefault(index, new Setup());
        await using var hub = await EmulatorHost.StartAsync(setup.Options);
        var story = await HubStory.PlayAsync(hub, setup.Stage);
        await PrepareAsync(hub, story, setup);

        var (status, body) = await SendAsync(hub, example, story);

        var expectedStatus = example.GetProperty("httpStatus");
        if (expectedStatus.ValueKind == JsonValueKind.Null)
        {
            Assert.True(status is null, $"case {index}: expected the connection to close without a response, got {status}: {body}");
            return;
        }
        Assert.Equal(expectedStatus.GetInt32(), status);
        Assert.Equal(Shape(example.GetProperty("response").GetString()!), Shape(body!));
    }

    private static async Task PrepareAsync(EmulatorHost hub, HubStory story, Setup setup)
    {
        if (setup.PayoutSpent) await hub.ControlAsync("spent", new { address = HubStory.Payout });
        if (setup.LateDeposit) await hub.DepositAsync(story.Substitutions[HubStory.ExampleAddress], 500);
        if (setup.FreshAddress)
            story.Substitutions[HubStory.ExampleAddress] =
                (await hub.CommandAsync(new { command = "GetDepositAddress", userId = "SomeUser" })).GetProperty("address").GetString()!;
        if (setup.Fault is { } fault)
            await hub.ControlAsync("fault", new { kind = fault.Kind.ToString(), count = fault.Count, command = fault.Command, error = fault.Error?.Text() });
    }

    // Sends the case's request as raw bytes; a null status means the connection closed without a response.
    private static async Task<(int? Status, string? Body)> SendAsync(EmulatorHost hub, JsonElement example, HubStory story)
    {
        var request = example.GetProperty("request");
        var note = example.GetProperty("note").GetString() ?? "";
        string method = "POST", body;
        if (request.ValueKind == JsonValueKind.Null)
        {
            if (note.Contains("exceeds 10000 bytes", StringComparison.Ordinal)) body = "{\"command\": \"GetStats\", \"pad\": \"" + new string('9', 10_100) + "\"}";
            else (method, body) = ("GET", "");
        }
        else body = request.ValueKind == JsonValueKind.String ? request.GetString()! : story.Apply(request.GetRawText());
        return await RawHttp.SendAsync(hub.BaseAddress, method, body);
    }

    // Random-by-nature values become tokens numbered by first appearance, so a value that recurs
    // must recur in the same places; timestamps become one token; event_N keep their order.
    private static string Shape(string body)
    {
        var tokens = new Dictionary<string, string>();
        string Token(string kind, string value)
        {
            if (!tokens.TryGetValue(value, out var token)) tokens[value] = token = $"<{kind}{tokens.Count}>";
            return token;
        }
        body = TryteValue().Replace(body, m => "\"" + Token($"trytes{m.Groups[1].Length}-", m.Groups[1].Value) + "\"");
        body = UuidValue().Replace(body, m => "\"" + Token("uuid", m.Groups[1].Value) + "\"");
        body = SeedUuidValue().Replace(body, m => "\"" + Token("seed-uuid", m.Groups[1].Value) + "\"");
        body = TimestampValue().Replace(body, "\"<timestamp>\"");
        var n = 0;
        return EventKey().Replace(body, _ => $"\"event_{n++}\"");
    }

    [GeneratedRegex("\"([A-Z9]{81,})\"")] private static partial Regex TryteValue();
    [GeneratedRegex("\"([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})\"")] private static partial Regex UuidValue();
    [GeneratedRegex("\"([A-Za-z0-9+\\\\/]{64})\"")] private static partial Regex SeedUuidValue();
    [GeneratedRegex("\"1[0-9]{12}\"")] private static partial Regex TimestampValue();
    [GeneratedRegex("\"event_[0-9]+\"")] private static partial Regex EventKey();
}

/// <summary>HTTP/1.1 by hand, so a closed connection, a GET with a body rule, or 10 KB of body are seen exactly.</summary>
public static class RawHttp
{
    public static async Task<(int? Status, string? Body)> SendAsync(Uri baseAddress, string method, string body)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        await using var stream = client.GetStream();
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"{method} / HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nContent-Type: application/json\r\nX-IOTA-API-Version: 1\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        try
        {
            await stream.WriteAsync(bytes);
        }
        catch (IOException)
        {
            return (null, null);
        }
        using var reader = new MemoryStream();
        try
        {
            await stream.CopyToAsync(reader);
        }
        catch (IOException)
        {
            // Reset by the server.
        }
        var response = Encoding.UTF8.GetString(reader.ToArray());
        if (response.Length == 0) return (null, null);
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var status = int.Parse(response.Split(' ')[1]);
        return (status, response[(split + 4)..]);
    }
}
