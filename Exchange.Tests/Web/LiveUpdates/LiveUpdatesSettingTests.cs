using Exchange.Core.Events;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Web.LiveUpdates;

/// <summary>Events:Redis: unset, one node as before; set, Redis carries the events, and a node starts and serves without it.</summary>
[Integration]
public class LiveUpdatesSettingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_redis_setting_events_stay_in_process_and_there_is_no_redis_check()
    {
        await using var app = new ExchangeAppFactory();

        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token);

        Assert.IsType<InProcessExchangeEvents>(app.Services.GetRequiredService<IExchangeEvents>());
        Assert.DoesNotContain("redis", report.Entries.Keys);
    }

    [Fact]
    public async Task A_node_whose_redis_is_unreachable_starts_serves_and_reports_degraded()
    {
        await using var app = new ExchangeAppFactory { Settings = { ["Events:Redis"] = "127.0.0.1:1" } };

        var page = await app.CreateClient().GetAsync("/Identity/Account/Login", Token);
        var ready = await app.CreateClient().GetAsync("/health/ready", Token);
        var report = System.Text.Json.JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Token)).RootElement;

        Assert.True(page.IsSuccessStatusCode);
        // Degraded, not down: the node still serves and credits, so the load balancer keeps it.
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", report.GetProperty("status").GetString());
        Assert.Equal(HealthStatus.Degraded, await TwoNodes.RedisHealthAsync(app));
    }

    [Fact]
    public async Task Outside_Development_redis_without_a_signing_key_stops_the_start_naming_the_setting()
    {
        await using var app = new ExchangeAppFactory { Environment = "Production", Settings = { ["HubEmulator:Enabled"] = "true", ["Events:Redis"] = "127.0.0.1:1" } };

        var refused = Record.Exception(() => app.Server);

        Assert.NotNull(refused);
        Assert.Contains("Events:SigningKey must be a secret of at least 32 characters", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signing_key_shorter_than_32_characters_stops_the_start_even_in_Development()
    {
        await using var app = new ExchangeAppFactory { Settings = { ["Events:Redis"] = "127.0.0.1:1", ["Events:SigningKey"] = "too-short" } };

        var refused = Assert.Throws<OptionsValidationException>(() => app.Server);

        Assert.Contains("Events:SigningKey must be a secret of at least 32 characters", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("connectTimeout=100")]
    [InlineData("127.0.0.1:6379,colour=blue")]
    public async Task A_redis_setting_that_is_not_a_connection_string_stops_the_start_with_its_name(string redis)
    {
        await using var app = new ExchangeAppFactory { Settings = { ["Events:Redis"] = redis } };

        var refused = Assert.Throws<OptionsValidationException>(() => app.Server);

        Assert.Contains("Events:Redis is not a StackExchange.Redis connection string", refused.Message, StringComparison.Ordinal);
    }
}
