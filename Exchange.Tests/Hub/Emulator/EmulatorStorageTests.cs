using System.Text.Json;
using Exchange.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Exchange.Tests.Hub.Emulator;

/// <summary>The emulator's SQLite file holds one row per Hub row: a restart answers as before, and a command that changes nothing writes nothing.</summary>
[Integration]
public class EmulatorStorageTests : IAsyncLifetime
{
    private EmulatorHost hub = null!;

    public async ValueTask InitializeAsync() => hub = await EmulatorHost.StartAsync();
    public ValueTask DisposeAsync() => hub.DisposeAsync();

    [Fact]
    public async Task A_restart_after_many_commands_gives_the_same_answers()
    {
        var story = await HubStory.PlayAsync(hub, StoryStage.SecondSweepConfirmed);
        var pending = await WithdrawAsync(5);
        await hub.DepositAsync(story.Substitutions[HubStory.ExampleAddress], 77);
        await hub.TickAsync("monitor");
        var before = await ReadEverythingAsync(pending);

        hub = await hub.RestartAsync();

        Assert.Equal(before, await ReadEverythingAsync(pending));
        await hub.ConfirmSweepsAsync();
        await hub.TickAsync("sweep");
        var info = await hub.CommandAsync(new { command = "SweepInfo", requestByUuid = "true", withdrawalUuid = pending });
        Assert.Equal(pending, info.GetProperty("withdrawalUuid").GetString());
    }

    [Fact]
    public async Task A_refused_or_reading_command_writes_nothing_to_the_file()
    {
        await hub.CommandAsync(new { command = "CreateUser", userId = "alice" });
        using var file = new SqliteConnection($"Data Source={hub.Options.DatabasePath};Pooling=False");
        file.Open();
        var version = DataVersion(file);

        var refused = await hub.CommandAsync(new { command = "CreateUser", userId = "alice" });
        await hub.CommandAsync(new { command = "GetStats" });
        await hub.CommandAsync(new { command = "BalanceSubscription", newerThan = 0 });
        await hub.CommandAsync(new { command = "UserWithdraw", userId = "alice", amount = 5, payoutAddress = HubStory.Payout90, validateChecksum = "true" });
        await hub.TickAsync("all");
        var afterNothing = DataVersion(file);
        await hub.CommandAsync(new { command = "CreateUser", userId = "bob" });

        Assert.Equal("User exist", refused.GetProperty("error").GetString());
        Assert.Equal(version, afterNothing);
        Assert.NotEqual(version, DataVersion(file));
        Assert.Equal(2L, Scalar(file, "SELECT COUNT(*) FROM Users"));
    }

    private async Task<string> WithdrawAsync(long amount) =>
        (await hub.CommandAsync(new { command = "UserWithdraw", userId = "SomeUser", amount, payoutAddress = HubStory.Payout })).GetProperty("uuid").GetString()!;

    private async Task<List<string>> ReadEverythingAsync(string withdrawal)
    {
        var answers = new List<string>();
        async Task Read(object request) => answers.Add((await hub.PostAsync(JsonSerializer.Serialize(request))).Body);
        await Read(new { command = "GetStats" });
        foreach (var user in new[] { "SomeUser", "OtherUser", "FreshUser" })
        {
            await Read(new { command = "GetBalance", userId = user });
            await Read(new { command = "GetUserHistory", userId = user, newerThan = 0 });
        }
        await Read(new { command = "BalanceSubscription", newerThan = 0 });
        await Read(new { command = "SweepSubscription", newerThan = 0 });
        foreach (var sweep in (await hub.CommandAsync(new { command = "SweepSubscription", newerThan = 0 })).EnumerateObject())
            await Read(new { command = "SweepDetail", bundleHash = sweep.Value.GetProperty("bundleHash").GetString() });
        await Read(new { command = "SweepInfo", requestByUuid = "true", withdrawalUuid = withdrawal });
        await Read(new { command = "WasWithdrawalCancelled", uuid = withdrawal });
        answers.Add(await hub.Http.GetStringAsync("/_emulator/state", TestContext.Current.CancellationToken));
        return answers;
    }

    private static long DataVersion(SqliteConnection file) => Scalar(file, "PRAGMA data_version");

    private static long Scalar(SqliteConnection file, string sql)
    {
        using var command = file.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
