using Exchange.Core.Notices;
using Exchange.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Core.Webhooks;

/// <summary>Two nodes' senders on one PostgreSQL database at once: SKIP LOCKED gives each message to one of them, so each event arrives once.</summary>
public class WebhookClaimOnPostgreSqlTests : WebhookTest
{
    protected override TestEngine Engine => TestEngine.PostgreSql;

    [Fact]
    public async Task Two_senders_running_at_once_deliver_each_event_exactly_once_and_both_take_part()
    {
        await using var second = await StartAsync();
        await QueueForFourEndpointsAsync(credits: 25);
        // A receiver a little slow to answer keeps the first node's run going while the other's job fires.
        Receiver.Answering = async (_, _, aborted) =>
        {
            await Task.Delay(20, aborted);
            return (200, "ok");
        };

        var first = Database.Get<WebhookSender>().RunAsync(Token);
        // The other node's job fires again and again while the first node's run goes on, as its schedule makes it.
        var others = new List<WebhookRun>();
        while (!first.IsCompleted)
        {
            others.Add(await second.Get<WebhookSender>().RunAsync(Token));
            await Task.Delay(50, Token);
        }
        WebhookRun[] runs = [await first, new(others.Sum(r => r.Delivered), others.Sum(r => r.Retrying), others.Sum(r => r.Failed))];

        var messages = await MessagesAsync();
        Assert.Equal(100, messages.Count);
        Assert.All(messages, m => Assert.Equal((WebhookMessageState.Delivered, 1), (m.State, m.Attempts)));
        Assert.Equal(100, runs.Sum(r => r.Delivered));
        var received = Receiver.Received;
        Assert.Equal(100, received.Count);
        Assert.Equal(messages.Select(m => m.MessageId).Order(), received.Select(r => r.Id).Order());
        Assert.All(received, r => Assert.True(r.Verified));
        Assert.All(runs, r => Assert.True(r.Delivered > 0, $"one sender delivered nothing: {runs[0].Summary} / {runs[1].Summary}"));
        await using var db = Database.NewContext();
        Assert.Equal(100, await db.WebhookAttempts.CountAsync(Token));
        Assert.Equal(2, await db.WebhookAttempts.Select(a => a.Node).Distinct().CountAsync(Token));
    }

    [Fact]
    public async Task A_node_in_the_middle_of_a_claim_holds_only_the_messages_it_takes()
    {
        await using var second = await StartAsync();
        await QueueForFourEndpointsAsync(credits: 10);

        // The first node has locked its picks and not yet committed its claim.
        await using var claiming = Database.NewContext();
        await using var claim = await claiming.Database.BeginTransactionAsync(Token);
        var held = await WebhookClaims.LockDueAsync(claiming, Database.Time.GetUtcNow().UtcDateTime, [], 8, Token);
        var run = await second.Get<WebhookSender>().RunAsync(Token);

        Assert.Equal(4, held.Count);
        Assert.Equal(36, run.Delivered);
        var messages = await MessagesAsync();
        Assert.Equal(held.Order(), messages.Where(m => m.State == WebhookMessageState.Pending).Select(m => m.Id).Order());
        Assert.Equal(36, Receiver.Received.Count);
    }

    /// <summary>Four endpoints of the receiver, each with a message for every one of <paramref name="credits"/> deposits credited.</summary>
    private async Task QueueForFourEndpointsAsync(int credits)
    {
        foreach (var path in (string[])["/a", "/b", "/c", "/d"]) await RegisterAsync(Receiver, path, NoticeTypes.DepositCredited.Name);
        for (var i = 1; i <= credits; i++) await AddNoticeAsync(NoticeTypes.DepositCredited, Credited(i * 1_000_000));
        await Database.Get<NoticeDispatcher>().RunAsync(Token);
    }
}
