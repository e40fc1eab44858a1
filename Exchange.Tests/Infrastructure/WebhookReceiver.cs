using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace Exchange.Tests.Infrastructure;

/// <summary>A delivery as the receiver got it, and whether the StandardWebhooks package accepted its signature.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string ContentType, string Body, DateTimeOffset ArrivedAt, IReadOnlyList<string> VerifiedWith)
{
    public bool Verified => VerifiedWith.Count > 0;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Type => Json.GetProperty("type").GetString()!;

    public string Data(string name) => Json.GetProperty("data").GetProperty(name).GetString()!;
}

/// <summary>
/// A real receiver: Kestrel on a loopback port, answering each delivery as the test says (200 by
/// default) and checking its signature with the StandardWebhooks NuGet package, an implementation
/// that is not the exchange's. With the wall clock it runs the package's full check (the timestamp
/// within five minutes); with a test's fake clock it compares the package's signature of the
/// delivery with the header's instead, since the timestamp is the fake clock's.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public delegate Task<(int Status, string Body)> Answer(ReceivedWebhook delivery, int number, CancellationToken aborted);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private int connections;
    private int requests;

    private WebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>The secrets deliveries are checked with (the endpoint's, once registered).</summary>
    public List<string> Secrets { get; } = [];

    /// <summary>How deliveries are answered; by default 200 with a short text.</summary>
    public Answer Answering { get; set; } = (_, _, _) => Task.FromResult((200, "ok"));

    /// <summary>A fake clock the sender's timestamps come from; null for the wall clock.</summary>
    public TimeProvider? FakeClock { get; init; }

    public Uri Address { get; private set; } = null!;

    /// <summary>The URL to register: a path on the receiver.</summary>
    public string Url(string path = "/hooks") => new Uri(Address, path).ToString();

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    /// <summary>TCP connections accepted, whether or not a request followed.</summary>
    public int Connections => Volatile.Read(ref connections);

    public static async Task<WebhookReceiver> StartAsync(TimeProvider? fakeClock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        WebhookReceiver? receiver = null;
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => async connection =>
        {
            Interlocked.Increment(ref receiver!.connections);
            await next(connection);
        })));
        var app = builder.Build();
        receiver = new WebhookReceiver(app) { FakeClock = fakeClock };
        app.MapPost("/{**path}", receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Address = new Uri(address);
        return receiver;
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers;
        var delivery = new ReceivedWebhook(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(),
            context.Request.ContentType ?? "", body, DateTimeOffset.UtcNow, [.. Secrets.ToList().Where(s => Verifies(s, body, headers))]);
        received.Enqueue(delivery);
        var (status, answer) = await Answering(delivery, Interlocked.Increment(ref requests), context.RequestAborted);
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(answer, context.RequestAborted);
    }

    private bool Verifies(string secret, string body, IHeaderDictionary headers)
    {
        var webhook = new StandardWebhook(secret);
        if (FakeClock is null)
        {
            try
            {
                webhook.Verify(body, headers);
                return true;
            }
            catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
            {
                return false;
            }
        }
        if (!long.TryParse(headers["webhook-timestamp"].ToString(), out var seconds)) return false;
        var expected = webhook.Sign(headers["webhook-id"].ToString(), DateTimeOffset.FromUnixTimeSeconds(seconds), body);
        return headers["webhook-signature"].ToString().Split(' ').Contains(expected);
    }

    /// <summary>Waits until <paramref name="count"/> deliveries have arrived, and returns them.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (received.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited {seconds} s for {count} deliveries; got {received.Count}: {string.Join(", ", Received.Select(r => r.Body))}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
