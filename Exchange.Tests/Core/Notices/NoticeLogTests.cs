using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Email;
using Exchange.Core.Ledger;
using Exchange.Core.Notices;
using Exchange.Core.Operations;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Core.Notices;

/// <summary>Notices written in the transaction of the change they tell of, and fanned out once.</summary>
[Integration]
public class NoticeLogTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private const string Alice = "alice";

    private CoreDatabase database = null!;
    private SteppedUpOperator ops = null!;
    private UserWithdrawalCommands UserCommands => database.Get<UserWithdrawalCommands>();
    private OperatorWithdrawalCommands OperatorCommands => database.Get<OperatorWithdrawalCommands>();
    private HubWithdrawalSteps HubSteps => database.Get<HubWithdrawalSteps>();
    private CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await CoreDatabase.CreateAsync(engine: Engine);
        await database.AddUserAsync(Alice, "alice@example.com");
        ops = await database.OperatorWithTwoFactorAsync("ops");
        await using (var db = database.NewContext())
        {
            var role = new IdentityRole(Roles.Operator) { NormalizedName = Roles.Operator.ToUpperInvariant() };
            db.Roles.Add(role);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = ops.Id, RoleId = role.Id });
            await db.SaveChangesAsync(Token);
        }
        await database.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit(Alice, CoinSymbols.Iota, 500_000_000, "bundle", "seed-deposit"), Token);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private async Task<List<Notice>> NoticesAsync(string? user = Alice)
    {
        await using var db = database.NewContext();
        return await db.Notices.AsNoTracking().Where(n => n.UserId == user).OrderBy(n => n.Id).ToListAsync(Token);
    }

    private Task<WithdrawalResult> Request(string amount) =>
        UserCommands.RequestAsync(new WithdrawalRequest(Alice, CoinSymbols.Iota, amount, TestAddresses.Payout), Token);

    [Fact]
    public async Task A_withdrawals_whole_life_yields_each_of_its_notices_once_and_the_dispatcher_fans_them_out_once()
    {
        var id = (await Request("12.5")).Withdrawal!.Id;
        var attempt = (await HubSteps.BeginSubmitAsync(id, Token)).Withdrawal!.SubmitAttempt;
        Assert.True((await HubSteps.MarkSubmittedAsync(id, attempt, "hub-uuid", cancellationToken: Token)).Succeeded);
        Assert.True((await HubSteps.MarkSweptAsync(id, "BUNDLE", Token)).Succeeded);
        Assert.True((await HubSteps.CompleteAsync(id, Token)).Succeeded);

        Assert.Equal(["withdrawal.requested", "withdrawal.sent", "withdrawal.completed"], (await NoticesAsync()).Select(n => n.Type));
        var dispatcher = database.Get<NoticeDispatcher>();
        Assert.Equal(3, (await dispatcher.RunAsync(Token)).Dispatched);
        Assert.Equal(0, (await dispatcher.RunAsync(Token)).Dispatched);

        await using var db = database.NewContext();
        Assert.All(await db.Notices.ToListAsync(Token), n => Assert.NotNull(n.DispatchedAt));
        var bell = await db.Notifications.Where(n => n.UserId == Alice).OrderBy(n => n.Id).ToListAsync(Token);
        Assert.Equal(["withdrawal.requested", "withdrawal.sent", "withdrawal.completed"], bell.Select(n => n.Type));
        Assert.Contains("12.5 MIOTA", bell[^1].Text, StringComparison.Ordinal);
        // Of the three kinds only a completion is mailed unless the user asks for more.
        var mail = Assert.Single(await db.OutboundEmails.ToListAsync(Token));
        Assert.Equal(("alice@example.com", "withdrawal.completed"), (mail.To, mail.Kind));
    }

    [Fact]
    public async Task A_withdrawal_that_waits_for_review_is_told_as_held_to_its_user_and_as_an_approval_to_every_operator()
    {
        var id = (await Request("150")).Withdrawal!.Id;
        Assert.True((await OperatorCommands.ApproveAsync(id, ops.WithCode(), "checked the address", Token)).Succeeded);

        Assert.Equal(["withdrawal.requested", "withdrawal.held", "withdrawal.approved"], (await NoticesAsync()).Select(n => n.Type));
        Assert.Equal(["approval.requested"], (await NoticesAsync(null)).Select(n => n.Type));
        await database.Get<NoticeDispatcher>().RunAsync(Token);
        await using var db = database.NewContext();
        Assert.Equal("approval.requested", Assert.Single(await db.Notifications.Where(n => n.UserId == ops.Id).ToListAsync(Token)).Type);
    }

    [Fact]
    public async Task Notices_written_many_at_once_keep_every_character_of_their_text()
    {
        string[] labels = ["Zoë's \"cold\" wallet \\ 1", "東京の口座", "🚀 rocket", "tab\tand\nnewline"];
        var notices = labels.Select(l => Notice.Of(NoticeTypes.DepositCredited, Alice, new NoticeData().With("label", l), new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc))).ToList();

        await using (var db = database.NewContext())
        await using (var transaction = await db.Database.BeginTransactionAsync(Token))
        {
            await NoticeLog.AddManyAsync(db, notices, Token);
            await transaction.CommitAsync(Token);
        }

        Assert.Equal(labels, (await NoticesAsync()).Select(n => NoticeData.FromJson(n.Data)["label"]));
    }

    [Fact]
    public async Task A_change_that_rolls_back_leaves_no_notice()
    {
        var id = (await Request("12.5")).Withdrawal!.Id;
        await using (var db = database.NewContext())
            await db.Accounts.Where(a => a.UserId == Alice).ExecuteUpdateAsync(s => s.SetProperty(a => a.Reserved, 0L), Token);

        // The refund cannot take the reserve back: the cancellation and its notice roll back together.
        await Assert.ThrowsAnyAsync<Exception>(() => UserCommands.CancelAsync(id, Alice, Token));

        Assert.Equal(WithdrawalState.Approved, (await database.Get<WithdrawalQueries>().FindAsync(id, Token))!.State);
        Assert.Equal(["withdrawal.requested"], (await NoticesAsync()).Select(n => n.Type));
    }

    [Fact]
    public async Task An_alert_opens_once_stays_quiet_while_it_lasts_and_closes_once()
    {
        var monitor = database.Get<AlertMonitor>();
        OperatorAlert[] hubDown = [new(AlertKeys.HubDown, "IOTA Hub is unreachable: refused")];

        await monitor.RecordAsync(hubDown, Token);
        await monitor.RecordAsync([new(AlertKeys.HubDown, "IOTA Hub is unreachable: timed out")], Token);
        Assert.Single(await monitor.OpenAsync(Token));
        await monitor.RecordAsync([], Token);
        await monitor.RecordAsync([], Token);

        Assert.Empty(await monitor.OpenAsync(Token));
        var told = await NoticesAsync(null);
        Assert.Equal(["alert.opened", "alert.closed"], told.Select(n => n.Type));
        Assert.All(told, n => Assert.Contains("\"alert\":\"hub.down\"", n.Data, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_api_key_is_mailed_to_its_owner_even_when_the_owner_turned_that_mail_off()
    {
        await database.Get<NoticePreferences>().SaveAsync(Alice, NoticeTypes.ApiKeyCreated.Name, inApp: false, email: false, Token);
        var created = await database.Get<ApiKeys>().CreateAsync(new ApiKeyRequest(Alice, "<b>bot</b>", [ApiKeyScopes.Read]), Token);
        Assert.True(created.Succeeded, created.Problem);

        await database.Get<NoticeDispatcher>().RunAsync(Token);

        await using var db = database.NewContext();
        Assert.Empty(await db.Notifications.Where(n => n.UserId == Alice).ToListAsync(Token));
        var mail = Assert.Single(await db.OutboundEmails.ToListAsync(Token));
        Assert.Equal(("alice@example.com", "api_key.created"), (mail.To, mail.Kind));
        Assert.Contains("&lt;b&gt;bot&lt;/b&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bot</b>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_mail_raises_an_alert_on_the_overview()
    {
        await using (var db = database.NewContext())
        {
            EmailOutbox.Add(db, new EmailMessage("x@example.invalid", "s", "t", "<p>t</p>", "test"), database.Time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(Token);
            await db.OutboundEmails.ExecuteUpdateAsync(s => s.SetProperty(e => e.State, OutboundEmailState.Failed), Token);
        }

        var report = await database.Get<OperatorOverview>().LoadAsync(Token);

        Assert.Contains(report.KeyedAlerts, a => a.Key == AlertKeys.FailedEmails);
    }
}

public sealed class NoticeLogOnPostgreSqlTests : NoticeLogTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
