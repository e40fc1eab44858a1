using System.Diagnostics;
using Exchange.Benchmarks.Processes;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Benchmarks.Processes;

/// <summary>The launcher the benchmarks and the tests start the exchange with, on small shell programs.</summary>
[Integration]
public class ChildProcessTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_child_that_never_listens_fails_after_the_timeout_naming_it_and_what_it_wrote()
    {
        await using var child = ChildProcess.Start(Shell("The silent app", "echo starting up; sleep 60"));

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => child.ListeningAsync(TimeSpan.FromSeconds(1), cancellationToken: Token));

        Assert.StartsWith("The silent app wrote no \"Now listening on: <address>\" line within 1 s.", failure.Message);
        Assert.EndsWith($"Its last lines:{Environment.NewLine}starting up", failure.Message);
    }

    [Fact]
    public async Task A_child_that_exits_before_it_listens_fails_at_once_with_its_exit_code_and_error_output()
    {
        await using var child = ChildProcess.Start(Shell("The broken app", "echo 'Unhandled exception: no database' >&2; exit 3"));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => child.ListeningAsync(TimeSpan.FromMinutes(5), cancellationToken: Token));

        Assert.StartsWith("The broken app exited with code 3 and wrote no \"Now listening on: <address>\" line.", failure.Message);
        Assert.Contains("Unhandled exception: no database", failure.Message);
    }

    [Fact]
    public async Task The_address_is_read_from_a_plain_or_a_json_log_line_and_can_be_chosen()
    {
        await using var child = ChildProcess.Start(Shell("The app", """
            echo '{"Message":"Now listening on: http://127.0.0.1:5001"}'; echo 'Now listening on: http://127.0.0.1:5002'; sleep 60
            """));

        Assert.Equal(new Uri("http://127.0.0.1:5001"), await child.ListeningAsync(TimeSpan.FromSeconds(30), cancellationToken: Token));
        Assert.Equal(new Uri("http://127.0.0.1:5002"), await child.ListeningAsync(TimeSpan.FromSeconds(30), at => at.Port != 5001, Token));
    }

    [Fact]
    public async Task Disposing_kills_every_process_the_child_started()
    {
        var child = ChildProcess.Start(Shell("The parent", "sleep 300 & echo $!; wait"));
        var grandchild = int.Parse(await child.LineAsync(_ => true, TimeSpan.FromSeconds(30), cancellationToken: Token));

        await child.DisposeAsync();

        Assert.True(await GoneAsync(grandchild), $"process {grandchild}, started by the child, still runs");
    }

    [Fact]
    public async Task A_run_past_its_deadline_is_killed_and_says_what_it_wrote()
    {
        var failure = await Assert.ThrowsAsync<TimeoutException>(() => ChildProcess.RunAsync(Shell("The slow verb", "echo seeding; sleep 60"), TimeSpan.FromSeconds(1), Token));

        Assert.StartsWith("The slow verb was still running after 1 s, so it was killed.", failure.Message);
        Assert.EndsWith($"Its last lines:{Environment.NewLine}seeding", failure.Message);
    }

    [Fact]
    public async Task A_run_to_its_exit_keeps_its_output_and_its_errors_apart()
    {
        var run = await ChildProcess.RunAsync(Shell("The verb", "echo done; echo 'one warning' >&2; exit 4"), TimeSpan.FromMinutes(1), Token);

        Assert.Equal((4, "done\n", "one warning\n"), (run.ExitCode, run.Output, run.Error));
    }

    private static ChildStart Shell(string name, string script) => new(name, "bash", ["-c", script]);

    // Killed, it is reaped by whoever adopted it: gone, or a zombie until then.
    private static async Task<bool> GoneAsync(int pid)
    {
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(100, Token))
        {
            var stat = Path.Combine("/proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "stat");
            if (!File.Exists(stat) || File.ReadAllText(stat).Split(' ')[2] == "Z") return true;
        }
        return false;
    }
}
