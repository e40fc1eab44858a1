using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Exchange.Benchmarks.Processes;
using Exchange.Web.Cli;

namespace Exchange.Benchmarks.Serving;

/// <summary>
/// The Hub emulator as a process of its own (Exchange.Web's <c>hub-emulator</c> verb), so what a
/// benchmark measures of its own process is the exchange alone. Disposing it kills it; so does this
/// process ending, however it ends short of being killed itself.
/// </summary>
internal sealed partial class EmulatorProcess : IAsyncDisposable
{
    private readonly ChildProcess process;
    private HttpClient? control;

    private EmulatorProcess(ChildProcess process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts it on a free port with its state in <paramref name="folder"/>, the services left to manual ticks.</summary>
    public static async Task<EmulatorProcess> StartAsync(string folder, params (string Key, string Value)[] settings)
    {
        (string Key, string Value)[] defaults =
        [
            ("DatabasePath", Path.Combine(folder, "hub.db")), ("Persist", "false"),
            ("MonitorInterval", "00:00:00"), ("SweepInterval", "00:00:00"), ("AttachmentInterval", "00:00:00"),
        ];
        var emulator = ExchangeApps.Web([HubEmulatorCommand.Verb, "--urls", "http://127.0.0.1:0"]).InEnvironment(Environments.Production)
            .WithSettings(defaults.Concat(settings).Select(s => KeyValuePair.Create($"HubEmulator:{s.Key}", s.Value)));
        var start = emulator with { Name = "The Hub emulator process", WorkingDirectory = folder };
        var (process, listening) = await ChildProcess.StartAsync(start, child => child.WaitForAsync(Listening(), TimeSpan.FromSeconds(60)));
        return new EmulatorProcess(process, new Uri(listening.Groups[1].Value));
    }

    /// <summary>Seeds through <c>POST /_emulator/seed</c> and yields each address as the emulator streams it.</summary>
    public async IAsyncEnumerable<SeededAddress> SeedAsync(long users, long deposits, long firstUser, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_emulator/seed") { Content = JsonContent.Create(new { users, deposits, firstUser }) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The emulator refused to seed: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        long seen = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("seeded ", StringComparison.Ordinal))
            {
                if (seen != deposits) throw new InvalidOperationException($"The emulator streamed {seen} addresses but said \"{line}\".");
                yield break;
            }
            var space = line.IndexOf(' ');
            yield return new SeededAddress(seen++, line[..space], line[(space + 1)..]);
        }
        throw new InvalidOperationException($"The emulator's seed answer ended after {seen} of {deposits} addresses.");
    }

    /// <summary>Runs one tick of a Hub service now: <c>monitor</c>, <c>sweep</c> or <c>attachment</c>.</summary>
    public async Task TickAsync(string service)
    {
        using var response = await Control.PostAsync("/_emulator/tick", JsonContent.Create(new { service }));
        response.EnsureSuccessStatusCode();
    }

    private HttpClient Control => control ??= new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(10) };

    // Its state is throw-away (not persisted): nothing to let it finish.
    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        control?.Dispose();
    }

    [GeneratedRegex(@"Hub emulator listening on (http://\S+)")]
    private static partial Regex Listening();
}

/// <summary>Deposit address number <paramref name="Index"/> of a seed, of Hub user <paramref name="HubUserId"/>, with its checksum.</summary>
internal sealed record SeededAddress(long Index, string HubUserId, string Address90);
