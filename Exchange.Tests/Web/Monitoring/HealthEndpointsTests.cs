using System.Net;
using System.Text.Json;
using Exchange.Core.Data;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Jobs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Exchange.Web.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Exchange.Tests.Web.Monitoring;

/// <summary>
/// /health/live and /health/ready as a load balancer and an operator read them, with each dependency
/// taken away in turn: the checks for a signed-in operator, the status alone for anyone else.
/// </summary>
[Integration]
public class HealthEndpointsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // The app's own test settings already run the Hub jobs every second; these are the notice jobs' slower ones.
    private static readonly Dictionary<string, string> EveryJobEachSecond = new()
    {
        ["Notices:AlertsInterval"] = "00:00:01", ["Notices:AddressActivationsInterval"] = "00:00:01",
    };

    [Fact]
    public async Task Ready_names_the_database_hub_and_jobs_healthy_when_all_are_up()
    {
        await using var app = new ExchangeAppFactory { Jobs = true };
        using var http = await OperatorAsync(app);

        var (status, ready) = await ReadAsync(http, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", ready.Status);
        Assert.Equal(["database", "hub", "jobs"], ready.Checks.Select(c => c.Name).Order());
        Assert.All(ready.Checks, c => Assert.Equal("Healthy", c.Status));
        Assert.All(ready.Checks, c => Assert.False(string.IsNullOrWhiteSpace(c.Description)));
        Assert.All(ready.Checks, c => Assert.True(c.DurationMs >= 0));
    }

    [Fact]
    public async Task Without_the_database_ready_answers_503_naming_it_and_live_still_answers()
    {
        await using var app = new ExchangeAppFactory();
        using var http = await OperatorAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(http, "/health/ready")).Status);

        foreach (var file in (string[])[app.DatabasePath, app.DatabasePath + "-wal", app.DatabasePath + "-shm"])
            File.Delete(file);

        var (status, ready) = await ReadAsync(http, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", ready.Status);
        Assert.Equal("Unhealthy", ready.Check("database").Status);
        Assert.Equal("Healthy", ready.Check("hub").Status);
        Assert.DoesNotContain(Path.GetDirectoryName(app.DatabasePath)!, ready.Body);
        Assert.DoesNotContain("Data Source", ready.Body, StringComparison.OrdinalIgnoreCase);
        var (liveStatus, live) = await ReadAsync(http, "/health/live");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (liveStatus, live.Status));
        Assert.Empty(live.Checks);
    }

    [Fact]
    public async Task With_Hub_down_ready_is_degraded_and_says_Hub_does_not_answer_without_its_address()
    {
        var port = ExchangeProcess.FreePort();
        await using var app = new ExchangeAppFactory { HubUrl = $"http://127.0.0.1:{port}", Settings = { ["Hub:ReadRetries"] = "0" } };
        using var http = await OperatorAsync(app);

        var (status, ready) = await ReadAsync(http, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", ready.Status);
        var hub = ready.Check("hub");
        Assert.Equal("Degraded", hub.Status);
        Assert.StartsWith("Hub does not answer", hub.Description);
        Assert.Equal("Healthy", ready.Check("database").Status);
        Assert.DoesNotContain(port.ToString(), ready.Body);
    }

    [Fact]
    public async Task When_the_jobs_stop_running_ready_is_degraded_naming_each_stale_job()
    {
        // Every job on a one-second schedule, so that each can turn stale within the test; but the proof
        // snapshot, whose shortest schedule is a minute (its own test below).
        await using var app = new ExchangeAppFactory { Jobs = true, Settings = new(EveryJobEachSecond) { ["Health:JobStaleAfterIntervals"] = "3" } };
        string[] watched = [.. ScheduledJobs.Names.Except([ProofSnapshotJob.Name])];
        using var http = await OperatorAsync(app);
        await EventuallyAsync(async () => await JobsWithRunsAsync(app, watched) == watched.Length, "every job to run once");

        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Token);
        await scheduler.PauseAll(Token);

        // Each job turns stale three of its intervals after its own last run.
        HealthAnswer ready = default!;
        await EventuallyAsync(async () =>
        {
            ready = (await ReadAsync(http, "/health/ready")).Answer;
            return watched.All(job => ready.Check("jobs").Description.Contains($"{job} last ran", StringComparison.Ordinal));
        }, "every job to turn stale");
        Assert.Equal(("Degraded", "Degraded"), (ready.Status, ready.Check("jobs").Status));
        Assert.StartsWith("Stale: ", ready.Check("jobs").Description);
    }

    [Fact]
    public async Task The_proof_snapshot_job_turns_stale_past_twenty_of_its_hourly_checks_while_the_others_keep_running()
    {
        var clock = new ShiftedClock();
        await using var app = new ShiftedClockAppFactory(clock) { Jobs = true, Settings = new(EveryJobEachSecond) };
        _ = app.Server;
        await EventuallyAsync(async () => await JobsWithRunsAsync(app, [ProofSnapshotJob.Name]) == 1, "the proof snapshot to run once");
        var check = app.Services.GetRequiredService<JobsHealthCheck>();

        // Twenty of its intervals (the default) and one more pass; the other jobs run again within a second or two.
        clock.Advance(TimeSpan.FromHours(21));

        await EventuallyAsync(async () =>
            (await check.CheckHealthAsync(new() { Registration = new("jobs", check, HealthStatus.Degraded, null) }, Token)).Description
            == "Stale: proof-of-liabilities last ran 21 h ago (every 1 h).", "the proof snapshot alone to be stale");
    }

    [Fact]
    public async Task Outside_Development_health_answers_over_plain_http_while_pages_redirect_to_https()
    {
        await using var app = new ExchangeAppFactory
        {
            Environment = "Production",
            Settings = { ["HubEmulator:Enabled"] = "true", ["https_port"] = "443", ["Jobs:Enabled"] = "false" },
        };
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await http.GetAsync("/", Token);
        var (status, live) = await ReadAsync(http, "/health/live");
        var (readyStatus, ready) = await ReadAsync(http, "/health/ready");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, page.StatusCode);
        Assert.Equal("https", page.Headers.Location!.Scheme);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (status, live.Status));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (readyStatus, ready.Status));
    }

    [Fact]
    public async Task Anonymous_callers_get_the_status_alone_without_check_names_descriptions_or_timings()
    {
        var port = ExchangeProcess.FreePort();
        await using var app = new ExchangeAppFactory { HubUrl = $"http://127.0.0.1:{port}", Settings = { ["Hub:ReadRetries"] = "0" } };
        using var http = app.CreateClient();

        var (status, ready) = await ReadAsync(http, "/health/ready");

        Assert.Equal((HttpStatusCode.OK, "Degraded"), (status, ready.Status));
        Assert.Equal("""{"status":"Degraded"}""", ready.Body);
    }

    [Fact]
    public async Task Anonymous_callers_share_one_answer_for_a_while_so_they_cannot_make_the_node_call_Hub_while_an_operator_gets_a_fresh_one()
    {
        var hub = await EmulatorHost.StartAsync();
        await using var app = new ExchangeAppFactory
        {
            HubUrl = hub.BaseAddress.ToString(), Settings = { ["Hub:ReadRetries"] = "0", ["Health:AnonymousReadyCache"] = "00:01:00" },
        };
        using var anonymous = app.CreateClient();
        using var ops = await OperatorAsync(app);
        Assert.Equal("Healthy", (await ReadAsync(anonymous, "/health/ready")).Answer.Status);

        await hub.DisposeAsync();
        var (_, fresh) = await ReadAsync(ops, "/health/ready");
        var (_, shared) = await ReadAsync(anonymous, "/health/ready");

        Assert.Equal("Degraded", fresh.Check("hub").Status);
        Assert.Equal("Healthy", shared.Status);
    }

    // Operators (signed in with the login cookie) see every check; anyone else the status alone.
    private static async Task<HttpClient> OperatorAsync(ExchangeAppFactory app)
    {
        await app.CreateAsync("ops@example.com", isOperator: true);
        return await app.LoggedInClientAsync("ops@example.com");
    }

    private static async Task<int> JobsWithRunsAsync(ExchangeAppFactory app, string[] jobs)
    {
        await using var db = app.Services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContext();
        return await db.JobRuns.Where(r => jobs.Contains(r.Job)).Select(r => r.Job).Distinct().CountAsync(Token);
    }

    private static async Task<(HttpStatusCode Status, HealthAnswer Answer)> ReadAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, Token);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Token);
        var answer = JsonSerializer.Deserialize<HealthAnswer>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web))! with { Body = body };
        return (response.StatusCode, answer);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited 30 s for {what}");
            await Task.Delay(250, Token);
        }
    }

    private sealed record HealthAnswer(string Status, double DurationMs, List<HealthCheckAnswer> Checks)
    {
        public string Body { get; init; } = "";

        public HealthCheckAnswer Check(string name) => Checks.Single(c => c.Name == name);
    }

    private sealed record HealthCheckAnswer(string Name, string Status, string Description, double DurationMs);
}
