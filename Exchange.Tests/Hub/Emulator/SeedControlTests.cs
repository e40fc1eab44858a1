using System.Net;
using System.Net.Http.Json;
using Exchange.Hub.Iota;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Hub.Emulator;

/// <summary>The benchmarks' seed control: addresses streamed as they are issued, the deposits on them confirmed and swept.</summary>
[Integration]
public class SeedControlTests : IAsyncLifetime
{
    private EmulatorHost hub = null!;

    public async ValueTask InitializeAsync() => hub = await EmulatorHost.StartAsync(o => o.SweepMaxDeposits = 2);

    public async ValueTask DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task Seeding_streams_one_line_per_address_round_robin_and_leaves_every_deposit_swept_into_its_user()
    {
        var lines = (await hub.ControlAsync("seed", new { users = 3, deposits = 5, firstUser = 11 })).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("seeded 5", lines[^1]);
        var addresses = lines[..^1].Select(l => l.Split(' ')).ToList();
        Assert.Equal(["user-11", "user-12", "user-13", "user-11", "user-12"], addresses.Select(a => a[0]));
        Assert.All(addresses, a => Assert.True(AddressChecksum.IsValid(a[1])));
        var client = HubClients.For(hub.BaseAddress);
        Assert.Equal(1_000_000 + 1_000_003, await client.GetBalanceAsync("user-11", TestContext.Current.CancellationToken));
        Assert.Equal(5 * 1_000_000 + 10, await client.GetStatsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Seeding_without_users_is_refused_with_what_it_needs()
    {
        using var response = await hub.Http.PostAsJsonAsync("/_emulator/seed", new { deposits = 5 }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error").GetString();
        Assert.StartsWith("seed needs \"users\" (at least 1)", error);
    }
}
