using System.Net;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Security;

/// <summary>
/// Nodes that share a Redis share the sign-in and account-form limits, so spreading guesses over the
/// nodes gains nothing; with Redis stopped, each node still limits on its own and answers at once.
/// </summary>
[Integration]
public sealed class SharedRateLimitTests : IAsyncLifetime
{
    private readonly List<ExchangeAppFactory> nodes = [];
    private RedisServer redis = null!;

    public async ValueTask InitializeAsync() => redis = await RedisServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes) await node.DisposeAsync();
        await redis.DisposeAsync();
    }

    /// <summary>A node of its own (its own SQLite store) counting its limits in the test's Redis, once it is connected there.</summary>
    private async Task<ExchangeAppFactory> NodeAsync()
    {
        var node = new ExchangeAppFactory
        {
            Settings =
            {
                ["Events:Redis"] = redis.ConnectionString,
                ["Security:RateLimits:SignInPerMinute"] = "5",
                ["Security:RateLimits:AccountFormsPerMinute"] = "2",
            },
        };
        nodes.Add(node);
        var limits = node.Services.GetRequiredService<RateLimitRedis>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (limits.Connection is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the node did not connect to Redis for its rate limits within 20 s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        return node;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Matches("Too many attempts in a short time. Please wait [0-9]+ seconds and try again.", await response.TextAsync());
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client) =>
        client.PostFormAsync("/Identity/Account/Register", new()
        {
            ["Input.Email"] = "someone@example.com", ["Input.Password"] = "Some-pass-123", ["Input.ConfirmPassword"] = "Other-pass-456",
        });

    [Fact]
    public async Task Sign_in_and_account_form_posts_spread_over_two_nodes_count_toward_one_limit()
    {
        HttpClient[] clients = [(await NodeAsync()).FormClient(), (await NodeAsync()).FormClient()];
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await clients[i % 2].PostLoginAsync("guess@example.com", $"Guess-{i}-pass")).StatusCode);
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(clients[i % 2])).StatusCode);

        await AssertRefusedAsync(await clients[1].PostLoginAsync("guess@example.com", "Guess-6-pass"));
        await AssertRefusedAsync(await RegisterAsync(clients[0]));
    }

    [Fact]
    public async Task With_redis_stopped_a_node_still_limits_sign_ins_on_its_own_and_answers()
    {
        var client = (await NodeAsync()).FormClient();
        await redis.KillAsync();

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostLoginAsync("guess@example.com", $"Guess-{i}-pass")).StatusCode);

        await AssertRefusedAsync(await client.PostLoginAsync("guess@example.com", "Guess-6-pass"));
    }
}
