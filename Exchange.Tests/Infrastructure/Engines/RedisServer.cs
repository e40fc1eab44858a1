using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Exchange.Tests.Infrastructure.Engines;

/// <summary>
/// The redis-server <c>EXCHANGE_REDIS</c> names (test.sh starts one), shared by the tests, and
/// redis-server processes of a test's own, for tests that stop Redis and start it again.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Variable = "EXCHANGE_REDIS";

    private Process process;

    private RedisServer(int port, Process process)
    {
        Port = port;
        this.process = process;
    }

    public int Port { get; }

    /// <summary>
    /// A connection string to the shared server with a channel prefix of its own, so the events of
    /// one test's nodes do not reach another's.
    /// </summary>
    public static string SharedConnectionString()
    {
        var server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: run the suite with ./test.sh, or point {Variable} at a redis-server (host:port).");
        return $"{server},channelPrefix=test-{Guid.NewGuid():N}:";
    }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>A redis-server of the test's own on a free loopback port, accepting connections.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var port = FreePort();
        return new RedisServer(port, await LaunchAsync(port));
    }

    /// <summary>Kills the server at once, as a crash would.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>A new server on the same port (its memory starts empty, as after a crash).</summary>
    public async Task RestartAsync()
    {
        process.Dispose();
        process = await LaunchAsync(Port);
    }

    private static async Task<Process> LaunchAsync(int port)
    {
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process launched;
        try
        {
            launched = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("redis-server was not found: install it (apt-get install redis-server) or run the suite with ./test.sh.", exception);
        }
        launched.BeginOutputReadLine();
        launched.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await AcceptsAsync(port))
        {
            if (launched.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException($"redis-server did not start on port {port}.");
            await Task.Delay(50);
        }
        return launched;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) await KillAsync();
        process.Dispose();
    }
}
