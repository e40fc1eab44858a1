using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Core.Coins;
using Exchange.Tests.Infrastructure;
using Exchange.Tests.Infrastructure.Cluster;

namespace Exchange.Tests.Web.Production;

/// <summary>
/// The production shape: two Exchange.Web processes on one PostgreSQL database and one
/// redis-server, one Hub. A user and an operator use both nodes, and the node inside a withdrawal
/// call to Hub is killed; the other carries on, and not an iota is lost or paid twice.
/// </summary>
public sealed class TwoNodeJourneyTests : ClusterTest
{
    private const string UserEmail = "hana@example.com";
    private const string OperatorEmail = "ops@example.com";

    // Development only because the test speaks plain HTTP: outside it, cookies are Secure and a
    // client sends them back over TLS only. The jobs, the store and the events are production's.
    private Dictionary<string, string> NodeSettings() => new()
    {
        ["environment"] = "Development",
        // Development's console keeps Quartz quiet; the test finds a node by its scheduler's name there.
        ["Logging:LogLevel:Quartz"] = "Information",
        ["Events:Redis"] = RedisServer.SharedConnectionString(),
        ["Events:SigningKey"] = "two-node-journey-events-signing-key",
        ["Hub:TimeoutSeconds"] = "6",
        ["HubSync:UnknownOutcomeGrace"] = "00:00:08",
    };

    [Fact]
    public async Task A_user_and_an_operator_use_both_nodes_while_one_is_killed_inside_a_payout_and_nothing_is_lost_or_doubled()
    {
        var settings = NodeSettings();
        var nodes = new List<ClusterNode> { await ClusterNode.StartAsync(Store, Hub.BaseAddress, settings), await ClusterNode.StartAsync(Store, Hub.BaseAddress, settings) };
        try
        {
            var (a, b) = (nodes[0], nodes[1]);
            await CreateOperatorAsync();
            using var user = Browserless();

            // Signs up on node A; the same cookie is good on node B, which hands out the deposit address.
            var registered = await user.PostFormAsync(new Uri(a.Address, "/Identity/Account/Register").ToString(), new()
            {
                ["Input.Email"] = UserEmail, ["Input.Password"] = AccountSteps.Password, ["Input.ConfirmPassword"] = AccountSteps.Password,
            });
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
            var address = (await PostAsync(user, b, "/api/v1/deposit-address", null)).GetProperty("address").GetString()!;

            await Hub.DepositAsync(address, 10_000_000);
            await Eventually.TrueAsync(async () =>
            {
                await TickHubAsync();
                return await AvailableAsync(user, a) == 10_000_000;
            }, "the deposit to be credited by one of the nodes");

            // Hub takes its time over the first payout; the node that asked for it dies waiting.
            await Hub.ControlAsync("fault", new { kind = "delay", command = "UserWithdraw", delaySeconds = 4, count = 1 });
            await PostAsync(user, a, "/api/v1/withdrawals", new { coin = CoinSymbols.Iota, amount = "1", address = TestAddresses.Payout });
            await PostAsync(user, b, "/api/v1/withdrawals", new { coin = CoinSymbols.Iota, amount = "2", address = TestAddresses.OtherPayout });
            var caller = await ClusterJobs.NodeSubmittingAWithdrawalAsync(Store, nodes);
            await caller.KillAsync();
            nodes.Remove(caller);
            var survivor = nodes.Single();

            await Eventually.TrueAsync(async () =>
            {
                await TickHubAsync();
                var withdrawals = await user.GetFromJsonAsync<JsonElement>(new Uri(survivor.Address, "/api/v1/withdrawals"), Token);
                return withdrawals.EnumerateArray().Count() == 2 && withdrawals.EnumerateArray().All(w => w.GetProperty("state").GetString() == "Completed");
            }, "the surviving node to carry both withdrawals to Completed", seconds: 90);
            Assert.Equal(7_000_000, await AvailableAsync(user, survivor));

            // The operator signs in on the surviving node and finds the books balanced.
            using var staff = Browserless();
            Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(new Uri(survivor.Address, "/Identity/Account/Login").ToString(), new()
            {
                ["Input.Email"] = OperatorEmail, ["Input.Password"] = AccountSteps.Password, ["Input.RememberMe"] = "false",
            })).StatusCode);
            await Eventually.TrueAsync(async () =>
            {
                var overview = await staff.GetFromJsonAsync<JsonElement>(new Uri(survivor.Address, "/api/v1/operator/overview"), Token);
                var iota = overview.GetProperty("iota");
                return iota.ValueKind == JsonValueKind.Object && iota.GetProperty("difference").GetInt64() == 0 && iota.GetProperty("liabilities").GetInt64() == 7_000_000;
            }, "the operator's overview to show 7 MIOTA owed and no difference");

            // Each withdrawal paid once, and the ledger is what Hub holds.
            await AssertPaidOnceAndLedgerEqualsHubAsync([1_000_000, 2_000_000]);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    // The operator's account comes from the verb an operator of a new deployment runs.
    private async Task CreateOperatorAsync()
    {
        var run = await AppProcess.RunAsync(Store.Folder.Path, [
            "create-operator", "--email", OperatorEmail, "--password", AccountSteps.Password,
            .. Store.Settings.Select(s => $"--{s.Key}={s.Value}"), $"--Hub:Url={Hub.BaseAddress}", "--DemoAccounts:Enabled=false",
        ]);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
    }

    private async Task TickHubAsync()
    {
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await Hub.ConfirmSweepsAsync();
    }

    // One cookie jar for both nodes: cookies belong to the host, whatever its port, as behind one load balancer.
    private static HttpClient Browserless() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

    private static async Task<long> AvailableAsync(HttpClient user, ClusterNode node)
    {
        var balances = await user.GetFromJsonAsync<JsonElement>(new Uri(node.Address, "/api/v1/balances"), Token);
        return balances.EnumerateArray().Where(b => b.GetProperty("coin").GetString() == CoinSymbols.Iota).Select(b => b.GetProperty("available").GetInt64()).SingleOrDefault();
    }

    // A cookie-signed API write carries the antiforgery token the API hands out.
    private static async Task<JsonElement> PostAsync(HttpClient user, ClusterNode node, string path, object? body)
    {
        var token = await user.GetFromJsonAsync<JsonElement>(new Uri(node.Address, "/api/v1/antiforgery-token"), Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Address, path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        var response = await user.SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.IsSuccessStatusCode, $"POST {path} on {node.Address}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
