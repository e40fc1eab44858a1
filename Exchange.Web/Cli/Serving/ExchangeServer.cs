using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Exchange.Web.Cli.Serving;

/// <summary>
/// This same Exchange.Web started as a server in a child process, as an operator runs it: Kestrel
/// on a free loopback port, its Quartz jobs on their schedules. A benchmark talks to it over HTTP
/// only, so client and server never share a thread pool or a garbage collector. Disposing kills it.
/// </summary>
public sealed class ExchangeServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string url;

    private ExchangeServer(Process process, string url)
    {
        this.process = process;
        this.url = url;
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address => listening.Task.Result;

    /// <summary>
    /// Starts the server with these configuration keys and waits until it listens. Development
    /// because the benchmark client speaks plain HTTP (elsewhere the login cookie is Secure and goes
    /// over TLS only, and pages redirect to https); the pages, the store and the jobs are production's.
    /// </summary>
    public static async Task<ExchangeServer> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // appsettings.json and the static web assets' manifest lie beside the assembly.
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(typeof(ExchangeServer).Assembly.Location);
        var url = $"http://127.0.0.1:{FreePort()}";
        foreach (var (key, value) in Defaults(url).Concat(settings)) start.ArgumentList.Add($"--{key}={value}");
        var server = new ExchangeServer(Process.Start(start)!, url);
        try
        {
            await server.listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private static Dictionary<string, string> Defaults(string url) => new()
    {
        ["environment"] = "Development",
        ["Urls"] = url,
        ["DemoAccounts:Enabled"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
    };

    /// <summary>The processor time the server has used so far (all its threads: requests and jobs alike).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The server's console so far, for a failure message.</summary>
    public string Log => string.Join('\n', output.TakeLast(40));

    private void Read(string? line)
    {
        if (line is null)
        {
            listening.TrySetException(new InvalidOperationException($"The exchange server exited before it listened:\n{Log}"));
            return;
        }
        output.Enqueue(line);
        while (output.Count > 500) output.TryDequeue(out _);
        // The embedded Hub emulator, when there is one, says where it listens too.
        if (line.Contains($"Now listening on: {url}", StringComparison.Ordinal)) listening.TrySetResult(new Uri(url));
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        listening.TrySetCanceled();
        process.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
