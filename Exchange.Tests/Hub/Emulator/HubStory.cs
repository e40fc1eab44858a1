using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Hub.Emulator;

/// <summary>
/// The story Fixtures/hub-examples.json is drawn from, played on an emulator: SomeUser deposits 1000;
/// sweep S1; withdraw 1, then cancel; transfer 10 to OtherUser; withdraw 5; sweep S2 funded from
/// hub address H1. Each stage stops the story at a point some examples need.
/// </summary>
public enum StoryStage
{
    Empty,
    /// <summary>Users, the 1000 deposit, and S1 just created (not attached yet).</summary>
    FirstSweep,
    /// <summary>S1 confirmed and the 1 withdrawal still pending.</summary>
    FirstWithdrawalPending,
    /// <summary>The whole story, S2 just created.</summary>
    Complete,
    /// <summary>The whole story, S2 attached twice and confirmed.</summary>
    SecondSweepConfirmed,
}

public sealed class HubStory
{
    // The story's values as examples.json spells them, to be replaced by the emulator's own.
    public const string ExampleAddress = "DILTSLPCVZTLRICPK9PZPAZOTKVUSAAYPOYHMLIIQKPASAGXHGAEZPGGEQGQZCKAHNKPTNIXJPFC9LOCZ";
    public const string ExampleFirstSweep = "EWLCW9FFLSBUGZZOOLFQLTRJFKNGPUVCIOCQYTSDOSZLBCBJIIJZGPALGAKKANBTDYOBVQFOJHA9OVFOY";
    public const string ExampleSecondSweep = "N9TUFKNNTXITLOXXIHNGUULBKSIXDWHVZZZECPALRYZLZJF9LZZDNUTDJALZLJJPJ9TGTTNLFTGBUQWWW";
    public const string ExampleFirstWithdrawal = "4782e7d5-9ce4-477d-8fd0-32f5f3385db2";
    public const string ExampleSecondWithdrawal = "50485062-f5f0-4cac-bad6-bb0362ae5138";
    public const string ExampleTransferTime = "1563796700000";
    public const string ExampleSecondSweepTime = "1563797400000";
    public const string Payout = "WLVZXWARPSYCWJMBZJGXHUOVYBVCEKMNQDMXHCAEJZFLFLMHFYYQQSSLVYWAZWESKXZOROLU9OQFRVDEW";
    public const string Payout90 = Payout + "CHKKXPWGY";

    public Dictionary<string, string> Substitutions { get; } = [];

    public static async Task<HubStory> PlayAsync(EmulatorHost hub, StoryStage stage)
    {
        var story = new HubStory();
        if (stage == StoryStage.Empty) return story;

        foreach (var user in new[] { "SomeUser", "OtherUser", "FreshUser" })
            await hub.CommandAsync(new { command = "CreateUser", userId = user });
        var address = (await hub.CommandAsync(new { command = "GetDepositAddress", userId = "SomeUser" })).GetProperty("address").GetString()!;
        story.Substitutions[ExampleAddress] = address;
        await Step(hub);
        await hub.DepositAsync(address, 1000);
        await hub.TickAsync("monitor");
        await Step(hub);
        await hub.TickAsync("sweep");
        story.Substitutions[ExampleFirstSweep] = await LastSweepAsync(hub);
        if (stage == StoryStage.FirstSweep) return story;

        await hub.TickAsync("attachment");
        hub.Time.Advance(TimeSpan.FromMinutes(1));
        await hub.TickAsync("attachment");
        var first = await WithdrawAsync(hub, 1);
        story.AddUuid(ExampleFirstWithdrawal, first);
        if (stage == StoryStage.FirstWithdrawalPending) return story;

        await Step(hub);
        await hub.CommandAsync(new { command = "UserWithdrawCancel", uuid = first });
        await Step(hub);
        story.Substitutions[ExampleTransferTime] = Now(hub);
        await hub.CommandAsync(new { command = "ProcessTransferBatch", transfers = new object[] { new { userId = "SomeUser", amount = -10 }, new { userId = "OtherUser", amount = 10 } } });
        await Step(hub);
        story.AddUuid(ExampleSecondWithdrawal, await WithdrawAsync(hub, 5));
        await Step(hub);
        story.Substitutions[ExampleSecondSweepTime] = Now(hub);
        await hub.TickAsync("sweep");
        story.Substitutions[ExampleSecondSweep] = await LastSweepAsync(hub);
        if (stage == StoryStage.Complete) return story;

        await hub.TickAsync("attachment");
        hub.Time.Advance(TimeSpan.FromSeconds(40));
        await hub.TickAsync("attachment");
        hub.Time.Advance(TimeSpan.FromMinutes(1));
        await hub.TickAsync("attachment");
        return story;
    }

    public string Apply(string request) =>
        Substitutions.OrderByDescending(s => s.Key.Length).Aggregate(request, (text, s) => text.Replace(s.Key, s.Value, StringComparison.Ordinal));

    private void AddUuid(string example, string actual)
    {
        Substitutions[example] = actual;
        Substitutions[example.ToUpperInvariant()] = actual.ToUpperInvariant();
    }

    private static async Task<string> WithdrawAsync(EmulatorHost hub, long amount) =>
        (await hub.CommandAsync(new { command = "UserWithdraw", userId = "SomeUser", amount, payoutAddress = Payout[..81] })).GetProperty("uuid").GetString()!;

    private static async Task<string> LastSweepAsync(EmulatorHost hub)
    {
        var sweeps = (await hub.CommandAsync(new { command = "SweepSubscription", newerThan = 0 })).EnumerateObject().ToList();
        return sweeps[^1].Value.GetProperty("bundleHash").GetString()!;
    }

    private static Task Step(EmulatorHost hub)
    {
        hub.Time.Advance(TimeSpan.FromSeconds(30));
        return Task.CompletedTask;
    }

    private static string Now(EmulatorHost hub)
    {
        var ms = hub.Time.GetUtcNow().ToUnixTimeMilliseconds();
        return (ms - ms % 1000).ToString();
    }
}
