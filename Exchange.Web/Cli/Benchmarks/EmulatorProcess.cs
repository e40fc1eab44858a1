using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Exchange.Web.Cli.Benchmarks;

/// <summary>
/// The Hub emulator as a process of its own (this executable's <c>hub-emulator</c> verb), so what a
/// benchmark measures of its own process is the exchange alone. Disposing it kills it; so does this
/// process ending, however it ends short of being killed itself.
/// </summary>
internal sealed partial class EmulatorProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly EventHandler onExit;
    private HttpClient? control;

    private EmulatorProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        onExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += onExit;
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts it on a free port with its state in <paramref name="folder"/>, the services left to manual ticks.</summary>
    public static async Task<EmulatorProcess> StartAsync(string folder, params (string Key, string Value)[] settings)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        start.FileName = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        start.ArgumentList.Add(HubEmulatorCommand.Verb);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        (string, string)[] defaults =
        [
            ("DatabasePath", Path.Combine(folder, "hub.db")), ("Persist", "false"),
            ("MonitorInterval", "00:00:00"), ("SweepInterval", "00:00:00"), ("AttachmentInterval", "00:00:00"),
        ];
        foreach (var (key, value) in defaults.Concat(settings)) start.ArgumentList.Add($"--HubEmulator:{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var process = Process.Start(start) ?? throw new InvalidOperationException("The Hub emulator process did not start.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text && Listening().Match(text) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { } text) errors.Enqueue(text); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != listening.Task)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.Dispose();
            throw new InvalidOperationException($"The Hub emulator process did not start listening: {string.Join(" / ", errors.TakeLast(5))}");
        }
        return new EmulatorProcess(process, await listening.Task);
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

    public ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= onExit;
        Kill();
        control?.Dispose();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    // Its state is throw-away (not persisted): nothing to let it finish.
    private void Kill()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
    }

    [GeneratedRegex(@"Hub emulator listening on (http://\S+)")]
    private static partial Regex Listening();
}

/// <summary>Deposit address number <paramref name="Index"/> of a seed, of Hub user <paramref name="HubUserId"/>, with its checksum.</summary>
internal sealed record SeededAddress(long Index, string HubUserId, string Address90);
