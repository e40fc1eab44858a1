using System.Text.RegularExpressions;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.Cli;

/// <summary>`hub-emulator` as docker-compose runs it: a process of its own that `docker stop` (SIGTERM) ends cleanly.</summary>
[Integration]
public partial class HubEmulatorCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Sigterm_ends_it_with_code_0_within_seconds_and_its_users_are_there_when_it_starts_again()
    {
        await using (var first = Start())
        {
            var hub = HubClients.For(await AddressAsync(first));
            Assert.Equal(CreateUserResult.Created, await hub.CreateUserAsync("user-7", TestContext.Current.CancellationToken));

            await first.TerminateAsync();

            Assert.True(await first.ExitedWithinAsync(TimeSpan.FromSeconds(10)), "the emulator still ran 10 s after SIGTERM");
            Assert.Equal(0, first.ExitCode);
        }

        await using var second = Start();
        var again = HubClients.For(await AddressAsync(second));
        Assert.Equal(CreateUserResult.AlreadyExists, await again.CreateUserAsync("user-7", TestContext.Current.CancellationToken));
    }

    private ExchangeProcess Start() => ExchangeProcess.Start("Production", "hub-emulator", "--urls", "http://127.0.0.1:0",
        $"--HubEmulator:DatabasePath={Path.Combine(folder.Path, "hub.db")}");

    private static async Task<Uri> AddressAsync(ExchangeProcess emulator)
    {
        var line = await emulator.LineAsync(l => Listening().IsMatch(l), TimeSpan.FromSeconds(60));
        return new Uri(Listening().Match(line).Groups[1].Value);
    }

    [GeneratedRegex(@"Hub emulator listening on (http://\S+)")]
    private static partial Regex Listening();
}
