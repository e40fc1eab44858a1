using System.Net;
using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Monitoring;

/// <summary>/metrics as Prometheus scrapes it from the app's own address: the exchange's meter, for operators only.</summary>
[Integration]
public class MetricsEndpointTests
{
    private const string Ann = "ann@example.com";
    private const string Ops = "ops@example.com";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_operator_reads_a_credited_deposit_and_a_withdrawal_in_the_exchange_meter()
    {
        await using var app = new ExchangeAppFactory();
        _ = app.Server;
        await app.CreateAsync(Ann);
        await app.CreateAsync(Ops, isOperator: true);
        await app.DepositThroughHubAsync(Ann, 3_000_000);
        var requested = await app.Services.GetRequiredService<UserWithdrawalCommands>()
            .RequestAsync(new WithdrawalRequest(await app.UserIdAsync(Ann), CoinSymbols.Iota, "1", TestAddresses.Payout), Token);
        Assert.True(requested.Succeeded);
        using var ops = await app.KeyClientAsync(Ops, ApiKeyScopes.OperatorRead);

        var metrics = await ScrapeUntilAsync(ops, m => PrometheusText.Value(m, "exchange_hot_wallet_balance") is not null);

        Assert.Equal(1, PrometheusText.Value(metrics, "exchange_deposits_credited_total", ("coin", CoinSymbols.Iota)));
        Assert.Equal(3_000_000, PrometheusText.Value(metrics, "exchange_deposits_credited_amount_total", ("coin", CoinSymbols.Iota)));
        Assert.True(PrometheusText.Value(metrics, "exchange_hub_events_read_total", ("event", "DEPOSIT")) >= 1);
        Assert.Equal(1, PrometheusText.Value(metrics, "exchange_withdrawals_transitions_total", ("state", requested.Withdrawal!.State.ToString())));
        Assert.Equal(0, PrometheusText.Value(metrics, "exchange_reconciliation_difference"));
        Assert.Equal(0, PrometheusText.Value(metrics, "exchange_hot_wallet_balance"));
        Assert.True(PrometheusText.Value(metrics, "hub_client_duration_seconds_count", ("command", "BalanceSubscription"), ("outcome", "ok")) >= 1);
        Assert.True(PrometheusText.Value(metrics, "http_server_request_duration_seconds_count") >= 1);
    }

    [Fact]
    public async Task A_job_run_and_a_failing_Hub_command_are_counted_by_job_and_by_command()
    {
        await using var app = new ExchangeAppFactory { HubUrl = $"http://127.0.0.1:{ExchangeProcess.FreePort()}", Settings = { ["Hub:ReadRetries"] = "0" } };
        _ = app.Server;
        await app.CreateAsync(Ops, isOperator: true);
        var stepUp = await app.SteppedUpAsync(Ops);
        var ran = app.Services.GetRequiredService<Exchange.Core.Events.IExchangeEvents>().WaitNextAsync<Exchange.Core.Events.JobRan>(j => j.Job == "balance-check", Token);
        await app.Services.GetRequiredService<Exchange.Web.Jobs.JobControl>().RunNowAsync("balance-check", stepUp.WithCode(), Token);
        Assert.False((await ran.WaitAsync(TimeSpan.FromSeconds(30), Token)).Succeeded);
        using var ops = await app.KeyClientAsync(Ops, ApiKeyScopes.OperatorRead);

        var metrics = await ScrapeUntilAsync(ops, m => PrometheusText.Value(m, "exchange_job_failures_total", ("job", "balance-check")) == 1);

        Assert.Equal(1, PrometheusText.Value(metrics, "exchange_job_runs_total", ("job", "balance-check"), ("outcome", "failed")));
        Assert.Equal(1, PrometheusText.Value(metrics, "exchange_job_duration_seconds_count", ("job", "balance-check")));
        Assert.Equal(1, PrometheusText.Value(metrics, "hub_client_errors_total", ("command", "BalanceSubscription"), ("error", "transport")));
    }

    [Fact]
    public async Task Metrics_are_refused_to_a_visitor_a_user_and_an_operator_key_without_operator_read()
    {
        await using var app = new ExchangeAppFactory();
        await app.CreateAsync(Ann);
        await app.CreateAsync(Ops, isOperator: true);
        using var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var userKey = await app.KeyClientAsync(Ann, ApiKeyScopes.Read);
        using var userCookie = await app.LoggedInClientAsync(Ann);
        using var narrowOperatorKey = await app.KeyClientAsync(Ops, ApiKeyScopes.Read);
        using var operatorCookie = await app.LoggedInClientAsync(Ops);

        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.GetAsync("/metrics", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await userKey.GetAsync("/metrics", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await userCookie.GetAsync("/metrics", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await narrowOperatorKey.GetAsync("/metrics", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorCookie.GetAsync("/metrics", Token)).StatusCode);
    }

    // The exporter caches a scrape briefly, and the money gauges appear once the first collection has read the overview.
    private static async Task<string> ScrapeUntilAsync(HttpClient http, Func<string, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await http.GetAsync("/metrics", Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync(Token);
            if (ready(text)) return text;
            Assert.True(DateTime.UtcNow < deadline, $"the metrics did not get there within 30 s:\n{text}");
            await Task.Delay(300, Token);
        }
    }
}
