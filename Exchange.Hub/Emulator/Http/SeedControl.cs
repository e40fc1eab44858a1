using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Exchange.Hub.Emulator.Http;

/// <summary>
/// <c>POST /_emulator/seed {"users": U, "deposits": D, "firstUser": 1, "amount": 1000000}</c>: for a
/// benchmark, Hub users <c>user-firstUser</c>... with D deposit addresses among them (round robin),
/// one confirmed deposit of <c>amount + i</c> on address i, then the monitor tick and as many sweep
/// ticks as SweepMaxDeposits needs. Answers in text as it goes, one <c>userId address90</c> line
/// per address, so the caller can store them in bounded batches; the last line is <c>seeded D</c>.
/// </summary>
internal static class SeedControl
{
    private const int Chunk = 10_000;

    public static IResult Start(HubEmulator hub, JsonObject body)
    {
        var users = Number(body, "users");
        var deposits = Number(body, "deposits") ?? users;
        var firstUser = Number(body, "firstUser") ?? 1;
        var amount = Number(body, "amount") ?? 1_000_000;
        if (users is not > 0 || deposits is not > 0 || firstUser < 0 || amount <= 0)
            return Results.Json(new { error = "seed needs \"users\" (at least 1); \"deposits\", \"firstUser\" and \"amount\" are optional whole numbers (deposits and amount positive)." },
                statusCode: 400);
        return Results.Stream(stream => SeedAsync(hub, stream, new Plan(users.Value, deposits.Value, firstUser, amount)), "text/plain; charset=utf-8");
    }

    private sealed record Plan(long Users, long Deposits, long FirstUser, long Amount)
    {
        public string Owner(long deposit) => $"user-{FirstUser + deposit % Users}";
    }

    private static async Task SeedAsync(HubEmulator hub, Stream stream, Plan plan)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        for (long start = 0; start < plan.Deposits; start += Chunk)
        {
            var owners = Enumerable.Range(0, (int)Math.Min(Chunk, plan.Deposits - start)).Select(i => plan.Owner(start + i)).ToList();
            var addresses = hub.IssueAddresses(owners);
            hub.Deposits(addresses.Select((address, i) => (address[..81], plan.Amount + start + i)).ToList());
            for (var i = 0; i < owners.Count; i++)
                await writer.WriteLineAsync($"{owners[i]} {addresses[i]}");
            await writer.FlushAsync();
        }
        hub.Tick(EmulatorService.Monitor);
        for (long swept = 0; swept < plan.Deposits; swept += hub.Options.SweepMaxDeposits)
            hub.Tick(EmulatorService.Sweep);
        await writer.WriteLineAsync($"seeded {plan.Deposits}");
    }

    private static long? Number(JsonObject body, string name) =>
        body[name] is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;
}
