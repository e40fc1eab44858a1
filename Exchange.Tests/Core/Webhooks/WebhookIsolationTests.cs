using Exchange.Core.Notices;
using Exchange.Core.Webhooks;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Core.Webhooks;

/// <summary>One endpoint's trouble is its own: a hanging receiver holds one slot for one timeout; a rotated secret signs beside the new one for a while.</summary>
public class WebhookIsolationTests : WebhookTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(4);

    protected override void Configure(WebhookOptions options) => options.Timeout = Timeout;

    [Fact]
    public async Task A_receiver_that_hangs_does_not_delay_deliveries_to_another_endpoint_and_costs_one_timeout()
    {
        await using var other = await WebhookReceiver.StartAsync(Database.Time);
        var hanging = await RegisterAsync(Receiver, "/hangs", NoticeTypes.DepositCredited.Name);
        await RegisterAsync(other, "/answers", NoticeTypes.DepositCredited.Name, NoticeTypes.DepositSeen.Name);
        var gaveUpAt = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        Receiver.Answering = async (_, _, aborted) =>
        {
            try
            {
                await Task.Delay(System.Threading.Timeout.Infinite, aborted);
            }
            catch (OperationCanceledException)
            {
                gaveUpAt.TrySetResult(DateTimeOffset.UtcNow);
            }
            return (200, "too late");
        };
        await AddNoticeAsync(NoticeTypes.DepositCredited, Credited(1_000_000));
        await Database.Get<NoticeDispatcher>().RunAsync(Token);

        var run = Database.Get<WebhookSender>().RunAsync(Token);
        await Receiver.WaitForAsync(1);
        await other.WaitForAsync(1);
        // A change made while the first receiver still hangs reaches the other one in the same run
        // (of a type only the other one wants, so that the hanging one is asked exactly once).
        await AddNoticeAsync(NoticeTypes.DepositSeen, Credited(2_000_000));
        await Database.Get<NoticeDispatcher>().RunAsync(Token);
        var answered = await other.WaitForAsync(2);
        var result = await run;
        // The receiver learns that the sender hung up a moment after the sender's run has ended.
        var gaveUp = await gaveUpAt.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);

        Assert.All(answered, r => Assert.True(r.ArrivedAt < gaveUp, $"{r.Body} arrived at {r.ArrivedAt:HH:mm:ss.fff}, after the hanging request ended at {gaveUp:HH:mm:ss.fff}"));
        Assert.Equal(new WebhookRun(2, 1, 0), result);
        var attempt = Assert.Single(Assert.Single(await LogAsync(hanging.Id)).Attempts);
        Assert.Null(attempt.StatusCode);
        Assert.Equal($"No answer within {Timeout.TotalSeconds:0} s.", attempt.Response);
        Assert.InRange(attempt.DurationMs, Timeout.TotalMilliseconds - 100, Timeout.TotalMilliseconds * 3);
    }

    [Fact]
    public async Task After_a_rotation_both_secrets_sign_until_the_grace_period_ends_then_only_the_new_one()
    {
        var endpoint = await RegisterAsync(Receiver, "/hooks", NoticeTypes.DepositCredited.Name);
        var first = Receiver.Secrets.Single();
        var rotated = await Database.Get<WebhookEndpoints>().RotateAsync(User(), endpoint.Id, Token);
        Assert.True(rotated.Succeeded, rotated.Problem);
        Assert.StartsWith(WebhookSecrets.Prefix, rotated.Secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(rotated.Secret![WebhookSecrets.Prefix.Length..]).Length);
        Receiver.Secrets.Add(rotated.Secret!);

        await AddNoticeAsync(NoticeTypes.DepositCredited, Credited(1_000_000));
        await DeliverAsync();
        Database.Time.Advance(new WebhookOptions().RotationGrace + TimeSpan.FromSeconds(1));
        await AddNoticeAsync(NoticeTypes.DepositCredited, Credited(2_000_000));
        await DeliverAsync();

        var (during, after) = (Receiver.Received[0], Receiver.Received[1]);
        Assert.Equal(2, during.Signature.Split(' ').Length);
        Assert.Equal(new[] { first, rotated.Secret! }.Order(StringComparer.Ordinal), during.VerifiedWith.Order(StringComparer.Ordinal));
        Assert.Single(after.Signature.Split(' '));
        Assert.Equal([rotated.Secret!], after.VerifiedWith);
    }
}
