using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.Monitoring;

/// <summary>The real Exchange.Web process outside Development: what its console writes, and the management port.</summary>
[Integration]
public partial class MonitoringProcessTests : IDisposable
{
    private static readonly TimeSpan StartTime = TimeSpan.FromSeconds(60);
    private readonly TempFolder folder = new();
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Every_console_line_is_json_and_a_failing_job_logs_with_its_run_and_Hub_command_in_scope()
    {
        using var app = ExchangeProcess.Start("Production", [.. Common(), $"--Hub:Url=http://127.0.0.1:{ExchangeProcess.FreePort()}",
            "--Jobs:Enabled=true", "--Jobs:BalanceCheckInterval=00:00:01"]);
        var lines = new List<string>();

        // Other jobs (the sweep, the proof snapshot) call Hub too and may fail first: wait for the balance check's call.
        var retry = await app.LineAsync(line => Scopes(line).Any(s => s.TryGetProperty("HubCommand", out var command) && command.GetString() == "BalanceSubscription"),
            StartTime, lines.Add);

        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
        Assert.Contains(lines, line => Message(line).StartsWith("Now listening on:", StringComparison.Ordinal));
        Assert.Contains(Scopes(retry), s => s.TryGetProperty("Job", out var job) && job.GetString() == "balance-check" && s.TryGetProperty("RunId", out _));
    }

    [Fact]
    public async Task The_management_port_listens_on_loopback_and_serves_metrics_and_health_details_to_anyone_and_nothing_else()
    {
        var management = ExchangeProcess.FreePort();
        using var app = ExchangeProcess.Start("Production", [.. Common(), "--HubEmulator:Enabled=true", "--HubEmulator:Url=http://127.0.0.1:0",
            $"--HubEmulator:DatabasePath={Path.Combine(folder.Path, "hub.db")}", $"--Metrics:ManagementPort={management}"]);
        var seen = new List<string>();
        var main = await MainAddressAsync(app, management, seen.Add);
        var onLoopback = $"Now listening on: http://127.0.0.1:{management}";
        if (!seen.Any(line => Message(line) == onLoopback)) await app.LineAsync(line => Message(line) == onLoopback, StartTime);
        using var http = new HttpClient();
        var publicReady = await http.GetAsync(new Uri(main, "/health/ready"), Token);
        Assert.Equal(HttpStatusCode.OK, publicReady.StatusCode);
        Assert.DoesNotContain("checks", await publicReady.Content.ReadAsStringAsync(Token));
        var ready = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{management}/health/ready", Token)).RootElement;
        Assert.Equal(["database", "hub"], ready.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());

        var metrics = await http.GetAsync($"http://127.0.0.1:{management}/metrics", Token);
        var exposition = await metrics.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.True(PrometheusText.Value(exposition, "hub_client_duration_seconds_count", ("command", "GetStats")) >= 1, exposition);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{management}/health/live", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{management}/", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{management}/Identity/Account/Login", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(main, "/metrics"), Token)).StatusCode);
    }

    private string[] Common() =>
    [
        "--Urls=http://127.0.0.1:0", $"--Database:ConnectionString=Data Source={Path.Combine(folder.Path, "exchange.db")}", "--DemoAccounts:Enabled=false",
        "--Jobs:Enabled=false",
    ];

    private static async Task<Uri> MainAddressAsync(ExchangeProcess app, int management, Action<string>? seen = null)
    {
        while (true)
        {
            var line = await app.LineAsync(l => Listening().IsMatch(Message(l)), StartTime, seen);
            var address = new Uri(Listening().Match(Message(line)).Groups[1].Value);
            if (address.Port != management) return address;
        }
    }

    private static string Message(string line) =>
        JsonDocument.Parse(line).RootElement.TryGetProperty("Message", out var message) ? message.GetString() ?? "" : "";

    private static List<JsonElement> Scopes(string line) =>
        JsonDocument.Parse(line).RootElement.TryGetProperty("Scopes", out var scopes) ? [.. scopes.EnumerateArray()] : [];

    [GeneratedRegex(@"^Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}
