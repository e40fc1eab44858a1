using System.Diagnostics;

namespace Exchange.Tests.Infrastructure;

/// <summary>The built Exchange.Web run as a child process to its exit, as an operator runs a verb.</summary>
public static class AppProcess
{
    public sealed record Run(int ExitCode, string Output, string Error)
    {
        /// <summary>Standard output, then standard error.</summary>
        public string Text => Output + Error;
    }

    /// <summary>
    /// Runs Exchange.Web with <paramref name="args"/> in <paramref name="workingDirectory"/> (null: the
    /// test's own); a process still running after <paramref name="deadline"/> (3 minutes unless given)
    /// is killed and fails the test.
    /// </summary>
    public static async Task<Run> RunAsync(string? workingDirectory, IEnumerable<string> args, TimeSpan? deadline = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Exchange.Web.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var token = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(token);
        var error = process.StandardError.ReadToEndAsync(token);
        var limit = deadline ?? TimeSpan.FromMinutes(3);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Exchange.Web {string.Join(' ', args)} was still running after {limit}. Output: {await output}");
        }
        return new Run(process.ExitCode, await output, await error);
    }
}
