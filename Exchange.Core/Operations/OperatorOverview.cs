using System.Diagnostics;
using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.HotWallet;
using Exchange.Core.HubSync;
using Exchange.Core.Ledger;
using Exchange.Core.Monitoring;
using Exchange.Core.Withdrawals;
using Exchange.Hub;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Operations;

/// <summary>
/// What the exchange owes (liabilities) against what Hub holds for it, in iotas, with the terms
/// that explain the difference while money is in motion: deposits Hub credited to user-N accounts
/// not yet moved to the hot wallet, withdrawals Hub already took from the hot wallet (the users'
/// reserve is consumed only at confirmation), the exchange's own money in the hot wallet (top-ups
/// less sends to cold storage) and operators' manual adjustments, which no Hub movement backs.
/// </summary>
public sealed record MoneyPosition(long Liabilities, long HotWallet, long UnmovedDeposits, long PaidNotConfirmed, long OwnFunds, long ManualAdjustments)
{
    /// <summary>Zero when every iota is accounted for.</summary>
    public long Difference => Liabilities - ManualAdjustments - (HotWallet - OwnFunds) - UnmovedDeposits - PaidNotConfirmed;
}

/// <summary>Hub as the overview found it; <c>LastSuccess</c> is now when reachable, else the end of the last job run that succeeded.</summary>
public sealed record HubHealth(bool Reachable, long TotalBalance, TimeSpan Latency, string? Problem, DateTime? LastSuccess = null);

/// <summary>An alert with a key that stays the same while its condition lasts (counts in its text may change).</summary>
public sealed record OperatorAlert(string Key, string Text);

public sealed record OverviewReport(HubHealth Hub, MoneyPosition? Iota, IReadOnlyList<CoinLiability> Liabilities, IReadOnlyList<OperatorAlert> KeyedAlerts)
{
    public IReadOnlyList<string> Alerts => [.. KeyedAlerts.Select(a => a.Text)];
}

public sealed class OperatorOverview(IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue, IHubClient hub, Reconciliation reconciliation,
    IOptions<HubSyncOptions> options, IOptions<OperatorOptions> thresholds, TimeProvider time, ExchangeMetrics metrics)
{
    public async Task<OverviewReport> LoadAsync(CancellationToken cancellationToken = default)
    {
        var report = await reconciliation.RunAsync(cancellationToken);
        var (health, hotWallet) = await HubFiguresAsync(cancellationToken);
        await using var db = contexts.CreateDbContext();
        health = health with
        {
            LastSuccess = health.Reachable
                ? time.GetUtcNow().UtcDateTime
                : await db.JobRuns.Where(r => r.Succeeded).MaxAsync(r => (DateTime?)r.FinishedAt, cancellationToken),
        };
        var unmoved = await db.HubAccounts.SumAsync(a => a.CreditedByHub - a.MovedToHotWallet, cancellationToken);
        var paid = await db.Withdrawals.Where(w => w.Coin == CoinSymbols.Iota && (w.State == WithdrawalState.Submitted || w.State == WithdrawalState.Swept))
            .SumAsync(w => w.Amount, cancellationToken);
        var transfers = db.HotWalletTransfers.Where(t => t.State == HotWalletTransferState.Received || t.State == HotWalletTransferState.Submitted);
        var ownFunds = await transfers.SumAsync(t => t.Kind == HotWalletTransferKind.TopUp ? t.Amount : -t.Amount, cancellationToken);
        var manual = await db.LedgerEntries.Where(e => e.Kind == LedgerEntryKind.Manual && e.Coin == CoinSymbols.Iota).SumAsync(e => e.AvailableChange, cancellationToken);
        var position = hotWallet is { } held ? new MoneyPosition(report.LiabilityIn(CoinSymbols.Iota), held, unmoved, paid, ownFunds, manual) : null;
        if (position is not null) metrics.RecordMoneyPosition(position.HotWallet, position.Difference);
        var alerts = await AlertsAsync(db, health, report, cancellationToken);
        if (hotWallet < thresholds.Value.HotWalletFloor)
        {
            var iota = (await catalogue.CurrentAsync(cancellationToken)).Iota;
            alerts.Insert(0, new(AlertKeys.HotWalletBelowFloor, $"The hot wallet holds {iota.Format(hotWallet.Value)}, below the floor of {iota.Format(thresholds.Value.HotWalletFloor)}: top it up from cold storage."));
        }
        return new OverviewReport(health, position, report.Liabilities, alerts);
    }

    private async Task<(HubHealth, long?)> HubFiguresAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var total = await hub.GetStatsAsync(cancellationToken);
            var latency = clock.Elapsed;
            long hotWallet;
            try
            {
                hotWallet = await hub.GetBalanceAsync(options.Value.HotWalletUserId, cancellationToken);
            }
            catch (HubCommandException e) when (e.Error == HubError.UserDoesNotExist)
            {
                hotWallet = 0;
            }
            return (new HubHealth(true, total, latency, null), hotWallet);
        }
        catch (Exception e) when (e is HubTransportException or HubCommandException)
        {
            return (new HubHealth(false, 0, clock.Elapsed, e.Message), null);
        }
    }

    private async Task<List<OperatorAlert>> AlertsAsync(ExchangeDbContext db, HubHealth health, ReconciliationReport report, CancellationToken cancellationToken)
    {
        var alerts = new List<OperatorAlert>();
        if (!health.Reachable) alerts.Add(new(AlertKeys.HubDown, $"IOTA Hub is unreachable: {health.Problem}"));
        if (!report.IsBalanced) alerts.Add(new(AlertKeys.LedgerMismatch, $"{report.Mismatches.Count} account(s) differ from the sum of their ledger entries."));
        var unknown = await db.Withdrawals.CountAsync(w => w.State == WithdrawalState.Unknown, cancellationToken);
        if (unknown > 0) alerts.Add(new(AlertKeys.UnknownWithdrawals, $"{unknown} withdrawal(s) have an unknown outcome and wait for reconciliation."));
        var age = thresholds.Value.StuckWithdrawalAge;
        var stuckSince = time.GetUtcNow().UtcDateTime - age;
        var locked = db.Users.LockedUserIds();
        var held = await db.Withdrawals.CountAsync(w => w.State == WithdrawalState.Approved && locked.Contains(w.UserId), cancellationToken);
        if (held > 0) alerts.Add(new(AlertKeys.HeldWithdrawals, $"{held} approved withdrawal(s) are held because their users' withdrawals are locked; they go to Hub once the user is unlocked."));
        var stuck = await db.Withdrawals.CountAsync(w => (w.State == WithdrawalState.Approved || w.State == WithdrawalState.Submitted)
            && w.UpdatedAt < stuckSince && !locked.Contains(w.UserId), cancellationToken);
        if (stuck > 0) alerts.Add(new(AlertKeys.StuckWithdrawals, $"{stuck} withdrawal(s) have not moved for over {Describe(age)} (a short hot wallet, or Hub not sweeping)."));
        var unsure = await db.HotWalletTransfers.CountAsync(t => t.State == HotWalletTransferState.Unknown || t.State == HotWalletTransferState.Sending, cancellationToken);
        if (unsure > 0) alerts.Add(new(AlertKeys.UnknownColdStorageSends, $"{unsure} send(s) to cold storage have an unknown outcome: check the hot wallet's Hub history."));
        var strangers = await db.UnrecognisedHubEvents.CountAsync(cancellationToken);
        var failedMails = await db.OutboundEmails.CountAsync(e => e.State == Email.OutboundEmailState.Failed, cancellationToken);
        if (failedMails > 0) alerts.Add(new(AlertKeys.FailedEmails, $"{failedMails} mail(s) could not be sent and wait on the Email page for an operator's retry."));
        if (strangers > 0) alerts.Add(new(AlertKeys.UnknownHubUsers, $"{strangers} Hub event(s) belong to Hub users the exchange does not know."));
        // Every job that has run has a state row: a small table, where the runs are hundreds of thousands a day.
        foreach (var job in await db.JobStates.Select(s => s.Job).ToListAsync(cancellationToken))
        {
            var runs = thresholds.Value.JobFailuresBeforeAlert;
            var last = await db.JobRuns.Where(r => r.Job == job).OrderByDescending(r => r.Id).Take(runs).ToListAsync(cancellationToken);
            if (last.Count == runs && last.All(r => !r.Succeeded)) alerts.Add(new(AlertKeys.FailingJob(job), $"The {job} job failed its last {runs} runs: {last[0].Error}"));
        }
        return alerts;
    }

    private static string Describe(TimeSpan age) =>
        age.TotalHours >= 1 ? $"{age.TotalHours:0.#} hour(s)" : age.TotalMinutes >= 1 ? $"{age.TotalMinutes:0.#} minute(s)" : $"{age.TotalSeconds:0} second(s)";
}

/// <summary>The alerts' keys: an alert is open while the overview reports its key (see <see cref="Notices.AlertMonitor"/>).</summary>
public static class AlertKeys
{
    public const string HubDown = "hub.down";
    public const string LedgerMismatch = "ledger.mismatch";
    public const string HotWalletBelowFloor = "hot_wallet.below_floor";
    public const string UnknownWithdrawals = "withdrawals.unknown";
    public const string HeldWithdrawals = "withdrawals.held_by_lock";
    public const string StuckWithdrawals = "withdrawals.stuck";
    public const string UnknownColdStorageSends = "cold_storage.unknown_outcome";
    public const string UnknownHubUsers = "hub.unknown_users";
    public const string FailedEmails = "email.failed";

    public static string FailingJob(string job) => $"job.failing:{job}";
}
