using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// Exchange.Web.dll as a real child process (from its project folder, as `dotnet run` starts it),
/// with its console read line by line. Disposing kills it if it still runs.
/// </summary>
public sealed class ExchangeProcess : IDisposable
{
    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();

    private ExchangeProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) lines.Writer.TryComplete();
            else lines.Writer.TryWrite(e.Data);
        };
        process.BeginOutputReadLine();
    }

    public static ExchangeProcess Start(string environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, WorkingDirectory = Path.Combine(RepositoryFolders.Root, "Exchange.Web") };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        // Outside Development the key ring needs a certificate; a test of that passes the setting itself.
        start.Environment["DataProtection__AllowUnencryptedKeys"] = "true";
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Exchange.Web.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return new ExchangeProcess(Process.Start(start)!);
    }

    public int ExitCode => process.ExitCode;

    /// <summary>The next console line (in order) that <paramref name="wanted"/> accepts; every line read on the way goes to <paramref name="seen"/>.</summary>
    public async Task<string> LineAsync(Func<string, bool> wanted, TimeSpan within, Action<string>? seen = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(within);
        try
        {
            while (await lines.Reader.WaitToReadAsync(deadline.Token))
                while (lines.Reader.TryRead(out var line))
                {
                    seen?.Invoke(line);
                    if (wanted(line)) return line;
                }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Exchange.Web wrote no such line within {within.TotalSeconds:0} s.");
        }
        throw new InvalidOperationException("Exchange.Web exited before writing such a line.");
    }

    /// <summary>What `docker stop` sends.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])!;
        kill.WaitForExit();
    }

    /// <summary>Whether the process ended within <paramref name="deadline"/>.</summary>
    public async Task<bool> ExitedWithinAsync(TimeSpan deadline)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        wait.CancelAfter(deadline);
        try
        {
            await process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
