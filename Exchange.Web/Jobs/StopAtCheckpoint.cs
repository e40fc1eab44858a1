using System.Diagnostics;
using System.Globalization;
using Exchange.Core.HubSync;

namespace Exchange.Web.Jobs;

/// <summary>
/// For tests of a stalled node only: the first time a job reaches the checkpoint named by
/// <c>Testing:StopAtCheckpoint</c>, the process says so on standard output and stops itself with
/// SIGSTOP, as a long GC pause or a paused VM would stop it there, until a SIGCONT. Unset (always,
/// outside such tests), checkpoints pass as in production.
/// </summary>
public sealed class StopAtCheckpoint(string checkpoint) : ISyncCheckpoints
{
    public const string Setting = "Testing:StopAtCheckpoint";

    private int stopped;

    public async ValueTask ReachedAsync(string reached)
    {
        if (reached != checkpoint || Interlocked.Exchange(ref stopped, 1) == 1) return;
        await Console.Out.WriteLineAsync($"Checkpoint {reached} reached: this process stops itself (SIGSTOP) until it is continued.");
        await Console.Out.FlushAsync();
        using var stop = Process.Start("kill", ["-STOP", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)])!;
        await stop.WaitForExitAsync();
    }
}
