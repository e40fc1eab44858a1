using System.Text.Json;
using CsCheck;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Hub.Emulator;

/// <summary>
/// Random sequences of Hub commands and service ticks: afterwards GetStats equals the sum of all
/// user-account events, the Hub's Tangle holdings equal deposits minus paid-out withdrawals, and
/// no user balance is negative.
/// </summary>
[Integration]
public class EmulatorPropertyTests
{
    private abstract record Op;
    private sealed record NewAddress(int User) : Op;
    private sealed record Deposit(int Address, long Amount) : Op;
    private sealed record Withdraw(int User, long Amount) : Op;
    private sealed record Cancel(int Withdrawal) : Op;
    private sealed record Transfer(int From, int To, long Amount) : Op;
    private sealed record Tick(string Service) : Op;

    private static readonly string[] Users = ["u0", "u1", "u2"];
    private static readonly Gen<Op> AnyOp = Gen.OneOf<Op>(
        Gen.Int[0, 2].Select(u => (Op)new NewAddress(u)),
        Gen.Select(Gen.Int[0, 20], Gen.Long[1, 5_000], (a, n) => (Op)new Deposit(a, n)),
        Gen.Select(Gen.Int[0, 2], Gen.Long[1, 3_000], (u, n) => (Op)new Withdraw(u, n)),
        Gen.Int[0, 20].Select(w => (Op)new Cancel(w)),
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 2], Gen.Long[1, 2_000], (f, t, n) => (Op)new Transfer(f, t, n)),
        Gen.Int[0, 3].Select(i => (Op)new Tick(new[] { "monitor", "sweep", "attachment", "attachment" }[i])));

    [Fact]
    public async Task Balances_and_the_tangle_always_add_up()
    {
        await AnyOp.Array[5, 40].SampleAsync(RunAsync, iter: 25, threads: 1, seed: "0Nq4tFs6gF0C");
    }

    private static async Task RunAsync(Op[] ops)
    {
        await using var hub = await EmulatorHost.StartAsync();
        foreach (var user in Users) await hub.CommandAsync(new { command = "CreateUser", userId = user });
        var addresses = new List<string>();
        var withdrawals = new List<string>();
        long deposited = 0;

        foreach (var op in ops)
        {
            hub.Time.Advance(TimeSpan.FromSeconds(20));
            switch (op)
            {
                case NewAddress a:
                    addresses.Add(Text(await hub.CommandAsync(new { command = "GetDepositAddress", userId = Users[a.User] }), "address"));
                    break;
                case Deposit d when addresses.Count > 0:
                    await hub.DepositAsync(addresses[d.Address % addresses.Count], d.Amount);
                    deposited += d.Amount;
                    break;
                case Withdraw w:
                    var answer = await hub.CommandAsync(new { command = "UserWithdraw", userId = Users[w.User], amount = w.Amount, payoutAddress = HubStory.Payout90, validateChecksum = "true" });
                    if (answer.TryGetProperty("uuid", out var uuid)) withdrawals.Add(uuid.GetString()!);
                    break;
                case Cancel c when withdrawals.Count > 0:
                    await hub.CommandAsync(new { command = "UserWithdrawCancel", uuid = withdrawals[c.Withdrawal % withdrawals.Count] });
                    break;
                case Transfer t when t.From != t.To:
                    await hub.CommandAsync(new { command = "ProcessTransferBatch", transfers = new object[] { new { userId = Users[t.From], amount = -t.Amount }, new { userId = Users[t.To], amount = t.Amount } } });
                    break;
                case Tick t:
                    await hub.TickAsync(t.Service);
                    break;
            }
        }
        await AssertInvariantsAsync(hub, deposited);
    }

    private static async Task AssertInvariantsAsync(EmulatorHost hub, long deposited)
    {
        long eventTotal = 0;
        foreach (var user in Users)
        {
            var history = await hub.CommandAsync(new { command = "GetUserHistory", userId = user, newerThan = 0 });
            eventTotal += history.EnumerateObject().Sum(e => long.Parse(Text(e.Value, "amount")));
            Assert.True(long.Parse(Text(await hub.CommandAsync(new { command = "GetBalance", userId = user }), "available")) >= 0);
        }
        Assert.Equal(eventTotal, long.Parse(Text(await hub.CommandAsync(new { command = "GetStats" }), "totalBalance")));

        var state = JsonDocument.Parse(await hub.Http.GetStringAsync("/_emulator/state", TestContext.Current.CancellationToken)).RootElement;
        var paidOut = state.GetProperty("withdrawals").EnumerateArray().Where(w => w.GetProperty("state").GetString() == "swept").Sum(w => w.GetProperty("amount").GetInt64());
        Assert.Equal(deposited - paidOut, state.GetProperty("tangle").GetProperty("heldByHub").GetInt64());
    }

    private static string Text(JsonElement e, string name) => e.GetProperty(name).GetString()!;
}
