using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Deposits;
using Exchange.Core.Events;
using Exchange.Core.Jobs;
using Exchange.Core.Ledger;
using Exchange.Core.Notices;
using Exchange.Core.Withdrawals;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Jobs;
using Exchange.Web.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Jobs;

/// <summary>The real app: Quartz jobs against the embedded emulator on its own timers, nothing driven by hand but deposits.</summary>
[Integration]
public class HubJobsEndToEndTests
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deposits_of_several_users_are_credited_once_swept_to_the_hot_wallet_and_paid_out()
    {
        await using var app = new ExchangeAppFactory { Jobs = true };
        _ = app.Server;
        var services = app.Services;
        using var emulator = new HttpClient { BaseAddress = app.HubAddress };
        var hub = services.GetRequiredService<IHubClient>();

        var deposits = new (string User, long Amount)[] { ("alice", 3_000_000), ("bob", 1_500_000), ("carol", 700_000), ("alice", 2_000_000) };
        foreach (var (user, amount) in deposits)
        {
            var address = (await services.GetRequiredService<DepositAddressService>().RequestAsync(user, Token)).Address!.Address;
            using var response = await emulator.PostAsync("/_emulator/deposit", JsonContent($"{{\"address\":\"{address}\",\"amount\":{amount}}}"), Token);
            response.EnsureSuccessStatusCode();
        }

        await Eventually(async () => await HotWalletAsync(hub) == deposits.Sum(d => d.Amount));
        var ledger = services.GetRequiredService<LedgerService>();
        Assert.Equal(5_000_000, (await ledger.AccountsOfAsync("alice", Token)).Single().Available);
        Assert.Equal(1_500_000, (await ledger.AccountsOfAsync("bob", Token)).Single().Available);
        var report = await services.GetRequiredService<Reconciliation>().RunAsync(Token);
        Assert.True(report.IsBalanced);
        Assert.Equal(await hub.GetStatsAsync(Token), report.LiabilityIn(CoinSymbols.Iota));

        var withdrawal = await services.GetRequiredService<UserWithdrawalCommands>().RequestAsync(
            new WithdrawalRequest("alice", CoinSymbols.Iota, "1.5", TestAddresses.Payout), Token);
        await Eventually(async () => await StateAsync(services, withdrawal.Withdrawal!.Id) == WithdrawalState.Completed);
        Assert.Equal(3_500_000, (await ledger.AccountsOfAsync("alice", Token)).Single().Total);
        Assert.Contains(await services.GetRequiredService<JobRunner>().RecentAsync(BalanceCheckJob.Name, 50, Token), r => r.Succeeded);
    }

    [Fact]
    public async Task Run_now_runs_a_job_that_has_no_schedule_and_records_the_run()
    {
        await using var app = new ExchangeAppFactory();
        await app.CreateAsync("ops@example.com", isOperator: true);
        var ops = await app.SteppedUpAsync("ops@example.com");
        var events = app.Services.GetRequiredService<IExchangeEvents>();
        var ran = events.WaitNextAsync<JobRan>(j => j.Job == BalanceCheckJob.Name, Token);

        Assert.True((await app.Services.GetRequiredService<JobControl>().RunNowAsync(BalanceCheckJob.Name, ops.WithCode(), Token)).Succeeded);

        Assert.True((await ran.WaitAsync(TimeSpan.FromSeconds(10), Token)).Succeeded);
        Assert.Single(await app.Services.GetRequiredService<JobRunner>().RecentAsync(BalanceCheckJob.Name, 10, Token));
        await Assert.ThrowsAsync<ArgumentException>(() => app.Services.GetRequiredService<JobControl>().RunNowAsync("no-such-job", ops.WithCode(), Token));
    }

    [Fact]
    public async Task An_operator_pauses_and_resumes_a_schedule_only_with_the_current_code_and_both_are_in_the_audit_log()
    {
        await using var app = new ExchangeAppFactory { Jobs = true, Settings = { ["Jobs:WithdrawalInterval"] = "00:00:07" } };
        await app.CreateAsync("ops@example.com", isOperator: true);
        var ops = await app.SteppedUpAsync("ops@example.com");
        var control = app.Services.GetRequiredService<JobControl>();

        var running = await control.ScheduleAsync(WithdrawalJob.Name, Token);
        var withoutCode = await control.PauseAsync(WithdrawalJob.Name, new Exchange.Core.Accounts.OperatorCredentials(ops.Id, null), Token);
        var stillRunning = await control.ScheduleAsync(WithdrawalJob.Name, Token);
        await control.PauseAsync(WithdrawalJob.Name, ops.WithCode(), Token);
        var paused = await control.ScheduleAsync(WithdrawalJob.Name, Token);
        await control.ResumeAsync(WithdrawalJob.Name, ops.WithCode(), Token);
        var resumed = await control.ScheduleAsync(WithdrawalJob.Name, Token);

        Assert.Equal((true, "Enter the current code from your authenticator app."), (withoutCode.NeedsStepUp, withoutCode.Message));
        Assert.False(stillRunning.Paused);
        Assert.Equal((TimeSpan.FromSeconds(7), false), (running.Every, running.Paused));
        Assert.NotNull(running.NextRun);
        Assert.Equal((true, (DateTimeOffset?)null), (paused.Paused, paused.NextRun));
        Assert.False(resumed.Paused);
        var audit = await app.Services.GetRequiredService<Exchange.Core.Audit.AuditLog>().FindAsync(new(Subject: WithdrawalJob.Name), cancellationToken: Token);
        Assert.Equal(["Job resumed", "Job paused"], audit.Select(e => e.Action));
    }

    [Fact]
    public async Task A_paused_notices_job_leaves_notices_waiting_until_an_operator_runs_it_now()
    {
        await using var app = new ExchangeAppFactory();
        await app.CreateAsync("ops@example.com", isOperator: true);
        await app.CreateAsync("alice@example.com");
        var ops = await app.SteppedUpAsync("ops@example.com");
        var alice = await app.UserIdAsync("alice@example.com");
        var control = app.Services.GetRequiredService<JobControl>();
        Assert.Equal(TimeSpan.FromSeconds(1), (await control.ScheduleAsync(NoticesJob.Name, Token)).Every);
        Assert.True((await control.PauseAsync(NoticesJob.Name, ops.WithCode(), Token)).Succeeded);
        await NoRunForAsync(app.Services, NoticesJob.Name, TimeSpan.FromSeconds(2));

        await using (var db = NewContext(app.Services))
        {
            NoticeLog.Add(db, NoticeTypes.DepositCredited, alice, new NoticeData().With("amount", 5).With("coin", CoinSymbols.Iota), DateTime.UtcNow);
            await db.SaveChangesAsync(Token);
        }
        // Three of its one-second firings come and go while it is paused.
        await Task.Delay(TimeSpan.FromSeconds(3), Token);
        Assert.Equal(0, await NotificationsAsync(app.Services, alice));

        Assert.True((await control.RunNowAsync(NoticesJob.Name, ops.WithCode(), Token)).Succeeded);

        await Eventually(async () => await NotificationsAsync(app.Services, alice) == 1);
        Assert.True((await control.ScheduleAsync(NoticesJob.Name, Token)).Paused);
    }

    // A run already under way when the pause lands still finishes: wait until two firings pass without one.
    private async Task NoRunForAsync(IServiceProvider services, string job, TimeSpan quiet)
    {
        var runner = services.GetRequiredService<JobRunner>();
        long? Newest(IReadOnlyList<JobRun> runs) => runs.Count == 0 ? null : runs[0].Id;
        var (newest, since) = (Newest(await runner.RecentAsync(job, 1, Token)), DateTime.UtcNow);
        await Eventually(async () =>
        {
            var now = Newest(await runner.RecentAsync(job, 1, Token));
            if (now != newest) (newest, since) = (now, DateTime.UtcNow);
            return DateTime.UtcNow - since >= quiet;
        });
    }

    private static ExchangeDbContext NewContext(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContext();

    private async Task<int> NotificationsAsync(IServiceProvider services, string user)
    {
        await using var db = NewContext(services);
        return await db.Notifications.CountAsync(n => n.UserId == user, Token);
    }

    private static async Task<WithdrawalState> StateAsync(IServiceProvider services, long id)
    {
        await using var db = NewContext(services);
        return (await db.Withdrawals.FindAsync(id))!.State;
    }

    private async Task<long> HotWalletAsync(IHubClient hub)
    {
        try
        {
            return await hub.GetBalanceAsync("user-hot-wallet", Token);
        }
        catch (HubCommandException e) when (e.Error == Exchange.Hub.HubError.UserDoesNotExist)
        {
            return 0;
        }
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the jobs did not get there within 40 s");
            await Task.Delay(250, Token);
        }
    }
}
