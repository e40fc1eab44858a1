using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Exchange.Web.Cli.Serving;

/// <summary>
/// This same executable started again as a child process: the app host itself, or
/// <c>dotnet Exchange.Web.dll</c> when this one runs under <c>dotnet</c>. Its console is drained (a
/// full pipe would stall it) and its last lines kept for a failure message. Disposing kills its
/// process tree; so does this process ending, however it ends short of being killed itself.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private const int LinesKept = 40;
    private readonly Process process;
    private readonly Regex ready;
    private readonly TaskCompletionSource<Match> readyLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> lastLines = new();
    private readonly EventHandler onExit;
    private bool disposed;

    private ChildProcess(Process process, Regex ready)
    {
        this.process = process;
        this.ready = ready;
        onExit = (_, _) => Dispose();
        AppDomain.CurrentDomain.ProcessExit += onExit;
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// Starts it in <paramref name="environment"/> with <paramref name="arguments"/>, then
    /// <paramref name="settings"/> as <c>--Key=value</c>, and waits until its console writes a line
    /// matching <paramref name="ready"/>; returns it with that line's match.
    /// </summary>
    public static async Task<(ChildProcess Child, Match Ready)> StartAsync(string name, string environment, IEnumerable<string> arguments,
        IEnumerable<KeyValuePair<string, string>> settings, Regex ready, TimeSpan within, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // appsettings.json and the static web assets' manifest lie beside the assembly.
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet") start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;

        var child = new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start."), ready);
        var first = await Task.WhenAny(child.readyLine.Task, child.process.WaitForExitAsync(), Task.Delay(within));
        if (first == child.readyLine.Task) return (child, await child.readyLine.Task);
        var why = child.process.HasExited ? $"exited with {child.process.ExitCode}" : $"was not ready within {within.TotalSeconds:0} s";
        child.Dispose();
        throw new InvalidOperationException($"{name} {why}:{Environment.NewLine}{child.LastLines}");
    }

    public int Id => process.Id;

    /// <summary>The processor time it has used so far (all its threads).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public long WorkingSet
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    /// <summary>Its console's last lines, for a failure message.</summary>
    public string LastLines
    {
        get
        {
            lock (lastLines) return string.Join(Environment.NewLine, lastLines);
        }
    }

    private void Read(string? line)
    {
        if (line is null) return;
        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > LinesKept) lastLines.Dequeue();
        }
        if (!readyLine.Task.IsCompleted && ready.Match(line) is { Success: true } match) readyLine.TrySetResult(match);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= onExit;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // It had already gone.
        }
        process.Dispose();
    }
}
