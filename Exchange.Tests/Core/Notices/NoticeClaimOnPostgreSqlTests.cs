using Exchange.Core.Notices;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Core.Notices;

/// <summary>Two nodes' dispatchers on one PostgreSQL database at once: SKIP LOCKED gives each notice to one of them.</summary>
[Integration]
public sealed class NoticeClaimOnPostgreSqlTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_dispatchers_running_at_once_fan_each_notice_out_exactly_once()
    {
        await using var store = await TestStore.CreateAsync(TestEngine.PostgreSql);
        await using var first = await CoreDatabase.CreateAsync(store: store);
        await using var second = await CoreDatabase.CreateAsync(store: store);
        await first.AddUserAsync("alice", "alice@example.com");
        var at = first.Time.GetUtcNow().UtcDateTime;
        await using (var db = first.NewContext())
            await NoticeLog.AddManyAsync(db, [.. Enumerable.Range(1, 2 * NoticeDispatcher.BatchSize + 100)
                .Select(i => Notice.Of(NoticeTypes.DepositCredited, "alice", new NoticeData().With("amount", i).With("coin", "MIOTA"), at))], Token);

        var runs = await Task.WhenAll(first.Get<NoticeDispatcher>().RunAsync(Token), second.Get<NoticeDispatcher>().RunAsync(Token));

        await using var check = first.NewContext();
        var notices = await check.Notices.CountAsync(Token);
        Assert.Equal(notices, runs.Sum(r => r.Dispatched));
        Assert.Equal(notices, await check.Notifications.CountAsync(Token));
        Assert.Equal(notices, await check.Notifications.Select(n => n.NoticeId).Distinct().CountAsync(Token));
        Assert.Equal(notices, await check.OutboundEmails.CountAsync(Token));
    }
}
