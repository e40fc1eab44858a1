using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Exchange.Benchmarks.Processes;

/// <summary>
/// A program run as a child process, the one way the benchmarks and the tests start the exchange
/// apart from themselves. Its console is drained line by line (a full pipe would stall it) and kept
/// in order, to wait on a line or to say what it wrote when it failed. Disposing kills its whole
/// process tree; so does this process ending, however it ends short of being killed itself.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable, IDisposable
{
    private const int LinesInAFailure = 40;
    private static readonly TimeSpan GoneAfterKill = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();
    private readonly EventHandler onExit;
    private TaskCompletionSource written = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int openStreams = 2;
    private int read;
    private bool disposed;

    private ChildProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
        onExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += onExit;
        process.OutputDataReceived += (_, e) => Add(e.Data, output);
        process.ErrorDataReceived += (_, e) => Add(e.Data, error);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What failure messages call it.</summary>
    public string Name { get; }

    public int Id => process.Id;

    /// <summary>Its exit code, once it has exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Every line it wrote so far, standard output and error as they came.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines) return [.. lines];
        }
    }

    /// <summary>Its last lines, for a failure message.</summary>
    public string LastLines
    {
        get
        {
            lock (lines) return string.Join(Environment.NewLine, lines.TakeLast(LinesInAFailure));
        }
    }

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

    /// <summary>Starts it; it runs until it exits or is killed.</summary>
    public static ChildProcess Start(ChildStart start)
    {
        var info = new ProcessStartInfo(start.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = start.WorkingDirectory ?? "",
        };
        foreach (var argument in start.Arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in start.EnvironmentVariables) info.Environment[name] = value;
        return new ChildProcess(start.Name, Process.Start(info) ?? throw new InvalidOperationException($"{start.Name} did not start."));
    }

    /// <summary>
    /// Starts it and waits until <paramref name="ready"/> returns (e.g. <see cref="ListeningAsync"/>);
    /// when that throws, the child is killed first.
    /// </summary>
    public static async Task<(ChildProcess Child, T Ready)> StartAsync<T>(ChildStart start, Func<ChildProcess, Task<T>> ready)
    {
        var child = Start(start);
        try
        {
            return (child, await ready(child));
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs it to its exit and returns what it wrote. Still running after <paramref name="deadline"/>,
    /// its tree is killed and a <see cref="TimeoutException"/> says so, with its last lines.
    /// </summary>
    public static async Task<ChildRun> RunAsync(ChildStart start, TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        await using var child = Start(start);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            await child.process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await child.KillAsync();
            throw new TimeoutException($"{child.Name} was still running after {Seconds(deadline)}, so it was killed. {child.Tail()}");
        }
        lock (child.lines) return new ChildRun(child.process.ExitCode, child.output.ToString(), child.error.ToString());
    }

    /// <summary>
    /// Where ASP.NET Core says it listens (<c>Now listening on: URL</c>, plain or inside a JSON log
    /// line): the first such address that <paramref name="accept"/> takes (any, unless given).
    /// </summary>
    public async Task<Uri> ListeningAsync(TimeSpan within, Func<Uri, bool>? accept = null, CancellationToken cancellationToken = default)
    {
        var line = await FindAsync(0, l => Listening().Match(l) is { Success: true } m && (accept is null || accept(new Uri(m.Groups[1].Value))),
            within, "\"Now listening on: <address>\" line", null, advance: false, cancellationToken);
        return new Uri(Listening().Match(line).Groups[1].Value);
    }

    /// <summary>
    /// The first line, already written or still to come, that <paramref name="pattern"/> matches.
    /// Throws with its last lines when it ends first or writes none within <paramref name="within"/>.
    /// </summary>
    public async Task<Match> WaitForAsync(Regex pattern, TimeSpan within, CancellationToken cancellationToken = default) =>
        pattern.Match(await FindAsync(0, pattern.IsMatch, within, $"line matching /{pattern}/", null, advance: false, cancellationToken));

    /// <summary>The first line, already written or still to come, that <paramref name="wanted"/> accepts; throws as <see cref="WaitForAsync"/> does.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> wanted, TimeSpan within, CancellationToken cancellationToken = default) =>
        FindAsync(0, wanted, within, "such line", null, advance: false, cancellationToken);

    /// <summary>
    /// Reading its console in order, from where the last call stopped: the next line that
    /// <paramref name="wanted"/> accepts; every line read on the way goes to <paramref name="seen"/>.
    /// </summary>
    public Task<string> LineAsync(Func<string, bool> wanted, TimeSpan within, Action<string>? seen = null, CancellationToken cancellationToken = default) =>
        FindAsync(read, wanted, within, "such line", seen, advance: true, cancellationToken);

    /// <summary>Waits for it to exit; its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }

    /// <summary>Whether it exited within <paramref name="within"/>.</summary>
    public async Task<bool> ExitedWithinAsync(TimeSpan within, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, what <c>docker stop</c> sends: it may shut down in its own way.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]) ?? throw new InvalidOperationException("kill did not start.");
        await kill.WaitForExitAsync();
    }

    /// <summary>SIGKILL to it and every process it started: they end at once, in the middle of whatever they do.</summary>
    public void Kill()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already gone.
        }
    }

    /// <summary><see cref="Kill"/>, then waits until it has gone.</summary>
    public async Task KillAsync()
    {
        Kill();
        using var patience = new CancellationTokenSource(GoneAfterKill);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // Killed is all that can be done; a caller reading its exit code will hear of it.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        await KillAsync();
        Dispose();
    }

    /// <summary>Kills it without waiting (see <see cref="DisposeAsync"/> to wait until it has gone).</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= onExit;
        Kill();
        process.Dispose();
    }

    private void Add(string? line, StringBuilder stream)
    {
        TaskCompletionSource signal;
        lock (lines)
        {
            if (line is null) openStreams--;
            else
            {
                lines.Add(line);
                stream.Append(line).Append('\n');
            }
            signal = written;
            written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        signal.TrySetResult();
    }

    private async Task<string> FindAsync(int from, Func<string, bool> wanted, TimeSpan within, string what, Action<string>? seen, bool advance, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(within);
        var index = from;
        try
        {
            while (await LinesFromAsync(index, deadline.Token) is { Count: > 0 } batch)
                foreach (var line in batch)
                {
                    index++;
                    if (advance) read = index;
                    seen?.Invoke(line);
                    if (wanted(line)) return line;
                }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} wrote no {what} within {Seconds(within)}. {Tail()}");
        }
        throw new InvalidOperationException($"{Name} {await EndedAsync()} and wrote no {what}. {Tail()}");
    }

    // The lines from index `from` on, once there is one; none when its console has closed.
    private async Task<List<string>> LinesFromAsync(int from, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task more;
            lock (lines)
            {
                if (lines.Count > from) return lines.GetRange(from, lines.Count - from);
                if (openStreams == 0) return [];
                more = written.Task;
            }
            await more.WaitAsync(cancellationToken);
        }
    }

    // Its console closes as it exits: a moment more for the exit code.
    private async Task<string> EndedAsync() =>
        await ExitedWithinAsync(TimeSpan.FromSeconds(5)) ? $"exited with code {process.ExitCode}" : "closed its console";

    private string Tail() => LastLines is { Length: > 0 } last ? $"Its last lines:{Environment.NewLine}{last}" : "It wrote nothing.";

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds:0} s";

    [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")]
    private static partial Regex Listening();
}
