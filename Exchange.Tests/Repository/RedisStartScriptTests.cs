using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Exchange.Tests.Infrastructure;
using StackExchange.Redis;

namespace Exchange.Tests.Repository;

/// <summary>deploy/redis/start.sh, which the compose files' redis service runs, with the real redis-server.</summary>
[Integration]
public class RedisStartScriptTests
{
    private const string Password = "redis-start-script-password";

    [Fact]
    public async Task Redis_started_by_the_script_wants_the_password_from_the_environment_which_is_on_no_command_line()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(RepositoryFolders.Root, "deploy", "redis", "start.sh"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1"])
            start.ArgumentList.Add(arg);
        start.Environment["REDIS_PASSWORD"] = Password;
        using var redis = Process.Start(start)!;
        try
        {
            await using var withPassword = await ConnectAsync($"127.0.0.1:{port},password={Password}");

            Assert.Equal("PONG", (string?)await withPassword.GetDatabase().ExecuteAsync("PING"));
            Assert.StartsWith("-NOAUTH", await PingWithoutPasswordAsync(port));
            Assert.DoesNotContain(Password, await File.ReadAllTextAsync($"/proc/{redis.Id}/cmdline", TestContext.Current.CancellationToken));
        }
        finally
        {
            redis.Kill();
            await redis.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    // Waits for the server to accept connections.
    private static async Task<ConnectionMultiplexer> ConnectAsync(string configuration)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                return await ConnectionMultiplexer.ConnectAsync(configuration);
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
    }

    private static async Task<string> PingWithoutPasswordAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
        await using var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream);
        return await reader.ReadLineAsync(TestContext.Current.CancellationToken) ?? "";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
