using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.Monitoring;

/// <summary>
/// The console of `dotnet run`, in the real process: what a newcomer reads there is the start, the
/// demo accounts and what the jobs did, not the Hub client's requests of every second.
/// </summary>
[Integration]
public sealed class DevelopmentConsoleTests : IDisposable
{
    private static readonly TimeSpan StartTime = TimeSpan.FromSeconds(90);
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_development_start_shows_the_start_and_the_demo_accounts_and_then_stays_quiet_while_the_jobs_find_nothing()
    {
        await using var app = ExchangeProcess.Start("Development", Settings());
        await app.LineAsync(line => line.Contains("Content root path:", StringComparison.Ordinal), StartTime);
        if (!app.Process.Lines.Any(IsJobsLease)) await app.LineAsync(IsJobsLease, StartTime);
        var started = app.Process.Lines.Count;

        await Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken); // the balance check asks Hub every second

        var lines = app.Process.Lines;
        Assert.Contains(lines, line => line.Contains("demo@exchange.local  password", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("operator@exchange.local  password", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Hub emulator listening on", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Now listening on: http://127.0.0.1:", StringComparison.Ordinal));
        Assert.True(lines.Count == started, $"{lines.Count - started} lines in 10 s of idle running:\n{string.Join("\n", lines.Skip(started).Take(10))}");
        Assert.DoesNotContain(lines, line => line.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal));
    }

    private static bool IsJobsLease(string line) => line.Contains("this process runs the jobs", StringComparison.Ordinal);

    private string[] Settings() =>
    [
        "--Urls=http://127.0.0.1:0", $"--Database:ConnectionString=Data Source={Path.Combine(folder.Path, "exchange.db")}",
        "--HubEmulator:Url=http://127.0.0.1:0", $"--HubEmulator:DatabasePath={Path.Combine(folder.Path, "hub.db")}",
    ];
}
