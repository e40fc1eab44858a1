using System.Text.Json;
using System.Text.Json.Nodes;
using Exchange.Hub.Iota;
using Microsoft.AspNetCore.Http;

namespace Exchange.Hub.Emulator.Http;

/// <summary>
/// Controls Hub does not have, under <c>/_emulator/</c> on the same port (a real client never
/// calls them): simulate Tangle deposits, run services now, inject faults, read the state.
/// </summary>
internal static class EmulatorControls
{
    public const string Prefix = "/_emulator/";

    public static async Task HandleAsync(HttpContext context, HubEmulator hub)
    {
        var path = context.Request.Path.Value![Prefix.Length..];
        try
        {
            var body = HttpMethods.IsPost(context.Request.Method) ? await ReadJsonAsync(context.Request) : null;
            var answer = (context.Request.Method, path) switch
            {
                ("POST", "deposit") => Deposit(hub, body!),
                ("POST", "tick") => Tick(hub, body!),
                ("POST", "fault") => AddFault(hub, body!),
                ("POST", "spent") => MarkSpent(hub, body!),
                ("POST", "seed") => SeedControl.Start(hub, body!),
                ("GET", "state") => EmulatorStateView.Of(hub),
                _ => throw new ControlException(404, $"No emulator control {context.Request.Method} {Prefix}{path}. Controls: POST deposit, tick, fault, spent, seed; GET state."),
            };
            await (answer as IResult ?? Results.Json(answer)).ExecuteAsync(context);
        }
        catch (ControlException problem)
        {
            await Results.Json(new { error = problem.Message }, statusCode: problem.Status).ExecuteAsync(context);
        }
    }

    private static object Deposit(HubEmulator hub, JsonObject body)
    {
        var input = Text(body, "address") ?? throw new ControlException(400, "deposit needs \"address\": 81 or 90 trytes.");
        var amount = Long(body, "amount") ?? throw new ControlException(400, "deposit needs \"amount\": a whole number of iotas.");
        if (amount <= 0) throw new ControlException(400, $"The amount must be a positive number of iotas, not {amount}.");
        var check = AddressRules.Check(input, requireChecksum: false);
        if (!check.IsValid) throw new ControlException(400, check.Message);
        if (!hub.IsUserAddress(check.Address81!)) throw new ControlException(400, $"{check.Address81} is not a deposit address this Hub issued.");
        return new { tailHash = hub.Deposit(check.Address81!, amount) };
    }

    private static object Tick(HubEmulator hub, JsonObject body)
    {
        var name = Text(body, "service") ?? "all";
        EmulatorService[] services = name switch
        {
            "monitor" => [EmulatorService.Monitor],
            "sweep" => [EmulatorService.Sweep],
            "attachment" => [EmulatorService.Attachment],
            "all" => [EmulatorService.Monitor, EmulatorService.Sweep, EmulatorService.Attachment],
            _ => throw new ControlException(400, $"Unknown service '{name}': use monitor, sweep, attachment or all."),
        };
        var ran = services.Select(s => new { service = s.ToString().ToLowerInvariant(), ran = hub.Tick(s) }).ToList();
        return new { ticks = ran };
    }

    private static object AddFault(HubEmulator hub, JsonObject body)
    {
        var kindText = Text(body, "kind") ?? throw new ControlException(400, "fault needs \"kind\": drop, delay, http500, garbage, nodeUnavailable, error or none.");
        if (!Enum.TryParse<FaultKind>(kindText, ignoreCase: true, out var kind))
            throw new ControlException(400, $"Unknown fault kind '{kindText}': use drop, delay, http500, garbage, nodeUnavailable, error or none.");
        var count = (int)(Long(body, "count") ?? 1);
        var delay = TimeSpan.FromSeconds(Long(body, "delaySeconds") ?? 30);
        HubError? error = null;
        var command = Text(body, "command");
        if (command is not null && !hub.IsCommand(command)) throw new ControlException(400, $"Unknown Hub command '{command}'.");
        if (kind == FaultKind.Error)
        {
            if (command is null) throw new ControlException(400, "An error fault needs \"command\": a Hub command name.");
            if (Text(body, "error") is not { } text || !HubErrors.TryParse(text, out var parsed))
                throw new ControlException(400, "An error fault needs \"error\": one of Hub's error strings, e.g. \"Unknown error\".");
            error = parsed;
        }
        hub.AddFault(new Fault(kind, count, delay, command, error));
        return new { faults = hub.Faults.Pending.Select(f => new { kind = f.Kind.ToString(), count = f.Count, command = f.Command }) };
    }

    private static object MarkSpent(HubEmulator hub, JsonObject body)
    {
        var check = AddressRules.Check(Text(body, "address"), requireChecksum: false);
        if (!check.IsValid) throw new ControlException(400, check.Message);
        hub.MarkSpent(check.Address81!);
        return new { spent = check.Address81 };
    }

    private static async Task<JsonObject> ReadJsonAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body) as JsonObject ?? throw new ControlException(400, "Send a JSON object.");
        }
        catch (JsonException)
        {
            throw new ControlException(400, "The body is not valid JSON.");
        }
    }

    private static string? Text(JsonObject body, string name) => body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Long(JsonObject body, string name) =>
        body[name] is JsonValue v ? v.TryGetValue<long>(out var l) ? l : throw new ControlException(400, $"\"{name}\" must be a whole number.") : null;

    private sealed class ControlException(int status, string message) : Exception(message)
    {
        public int Status { get; } = status;
    }
}
