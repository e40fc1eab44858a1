using Exchange.Core.Notices;
using Exchange.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Core.Webhooks;

/// <summary>Failed deliveries wait on the spec's schedule; 410 Gone, or three days of failures, disable the endpoint and tell its owner.</summary>
public class WebhookRetryTests : WebhookTest
{
    private Task<WebhookRun> SendAsync() => Database.Get<WebhookSender>().RunAsync(Token);

    private void Advance(TimeSpan by) => Database.Time.Advance(by);

    [Fact]
    public async Task A_receiver_that_fails_twice_then_answers_gets_three_attempts_five_seconds_and_five_minutes_apart()
    {
        var endpoint = await RegisterAsync(Receiver);
        Receiver.Answering = (_, number, _) => Task.FromResult(number <= 2 ? (500, "busy") : (200, "thanks"));
        await AddNoticeAsync(NoticeTypes.DepositCredited, Credited(1_000_000));

        Assert.Equal(new WebhookRun(0, 1, 0), await DeliverAsync());
        Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(new WebhookRun(0, 0, 0), await SendAsync());
        Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(new WebhookRun(0, 1, 0), await SendAsync());
        Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(new WebhookRun(0, 0, 0), await SendAsync());
        Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new WebhookRun(1, 0, 0), await SendAsync());

        var received = Receiver.Received;
        Assert.Equal(3, received.Count);
        Assert.Single(received.Select(r => r.Id).Distinct());
        Assert.All(received, r => Assert.True(r.Verified));
        var at = received.Select(r => long.Parse(r.Timestamp, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(at[1] - at[0], 5, 6);
        Assert.InRange(at[2] - at[1], 5 * 60 - 2, 6 * 60 + 4);
        var log = Assert.Single(await LogAsync(endpoint.Id));
        Assert.Equal((WebhookMessageState.Delivered, 3), (log.Message.State, log.Message.Attempts));
        Assert.Equal([500, 500, 200], log.Attempts.Select(a => a.StatusCode));
        Assert.Equal(["busy", "busy", "thanks"], log.Attempts.Select(a => a.Response));
        Assert.Null((await EndpointAsync(endpoint.Id)).FailingSince);
    }

    [Fact]
    public async Task An_endpoint_that_answers_410_Gone_is_disabled_at_once_and_its_owner_is_told_in_the_app_and_by_mail()
    {
        var endpoint = await RegisterAsync(Receiver);
        Receiver.Answering = (_, _, _) => Task.FromResult((410, "gone"));
        await AddNoticeAsync(NoticeTypes.DepositCredited, Credited(1_000_000));
        await AddNoticeAsync(NoticeTypes.DepositCredited, Credited(2_000_000));

        Assert.Equal(new WebhookRun(0, 0, 1), await DeliverAsync());
        await AddNoticeAsync(NoticeTypes.DepositCredited, Credited(3_000_000));
        await DeliverAsync();
        Advance(TimeSpan.FromHours(1));
        await DeliverAsync();

        Assert.Single(Receiver.Received);
        var disabled = await EndpointAsync(endpoint.Id);
        Assert.False(disabled.Enabled);
        Assert.Contains("410 Gone", disabled.DisabledReason, StringComparison.Ordinal);
        Assert.Equal([WebhookMessageState.Failed, WebhookMessageState.Failed], (await MessagesAsync()).Select(m => m.State));
        await using var db = Database.NewContext();
        var told = Assert.Single(await db.Notifications.Where(n => n.UserId == Alice && n.Type == "webhook.endpoint_disabled").ToListAsync(Token));
        Assert.Contains(endpoint.Url, told.Text, StringComparison.Ordinal);
        Assert.Single(await db.OutboundEmails.Where(e => e.To == "alice@example.com" && e.Kind == "webhook.endpoint_disabled").ToListAsync(Token));
    }

    [Fact]
    public async Task A_receiver_failing_for_three_days_has_its_message_given_up_and_its_endpoint_disabled()
    {
        var endpoint = await RegisterAsync(Receiver);
        Receiver.Answering = (_, _, _) => Task.FromResult((503, "down for maintenance"));
        await AddNoticeAsync(NoticeTypes.DepositCredited, Credited(1_000_000));
        await DeliverAsync();

        var waited = TimeSpan.Zero;
        for (var attempt = 1; (await EndpointAsync(endpoint.Id)).Enabled; attempt++)
        {
            Assert.True(waited < TimeSpan.FromDays(4), "the endpoint was still enabled after four days of failures");
            var wait = WebhookOutcomes.WaitAfter(attempt) * 1.1;
            Advance(wait);
            waited += wait;
            await DeliverAsync();
        }

        Assert.InRange(waited, TimeSpan.FromDays(3), TimeSpan.FromDays(3) + TimeSpan.FromHours(11));
        Assert.Equal(WebhookMessageState.Failed, Assert.Single(await MessagesAsync()).State);
        Assert.Contains("failed for 3 days", (await EndpointAsync(endpoint.Id)).DisabledReason, StringComparison.Ordinal);
        var attempts = Receiver.Received.Count;
        Advance(TimeSpan.FromDays(1));
        await DeliverAsync();
        Assert.Equal(attempts, Receiver.Received.Count);
    }
}
