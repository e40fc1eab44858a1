using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Deposits;
using Exchange.Core.Events;
using Exchange.Core.HotWallet;
using Exchange.Core.Ledger;
using Exchange.Core.Monitoring;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.HubSync;

/// <summary>What one run did; <paramref name="Iota"/> formats the amount in the summary.</summary>
public sealed record BalanceSyncResult(Coin Iota, int EventsRead, int DepositsSeen, int DepositsCredited, long AmountCredited, int Unrecognised)
{
    public string Summary => $"{EventsRead} events read, {DepositsSeen} deposits seen, {DepositsCredited} credited ({Iota.Format(AmountCredited)}), {Unrecognised} for unknown Hub users";
}

/// <summary>
/// The balance check: reads BalanceSubscription from the stored cursor and turns Hub's events into
/// the exchange's records. UA_DEPOSIT -> an Incoming deposit; DEPOSIT -> a ledger credit of the
/// event's amount, exactly once. Every record and the new cursor commit in one transaction, so a
/// crash anywhere means the next run reads the same window again and finds it all booked or none.
/// </summary>
public sealed class BalanceSync(
    IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue, IHubClient hub, LedgerService ledger, IExchangeEvents events,
    IOptions<HubSyncOptions> options, TimeProvider time, ISyncCheckpoints checkpoints, ExchangeMetrics metrics)
{
    public const string CursorName = "balance-subscription";

    public async Task<BalanceSyncResult> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var cursor = await db.HubCursors.FindAsync([CursorName], cancellationToken) ?? db.HubCursors.Add(new HubCursor { Name = CursorName }).Entity;
        var newerThan = Math.Max(0, cursor.Timestamp - (long)options.Value.CursorLag.TotalMilliseconds);
        var keyed = HubEventKeys.Number(await hub.BalanceSubscriptionAsync(newerThan, cancellationToken))
            .OrderBy(k => ProcessingOrder(k.Event)).ToList();
        await checkpoints.ReachedAsync(Checkpoints.BalanceRead);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await SyncBatch.LoadAsync(db, keyed, cancellationToken);
        var result = new BalanceSyncResult((await catalogue.CurrentAsync(cancellationToken)).Iota, keyed.Count, 0, 0, 0, 0);
        var touched = new List<Deposit>();
        var credits = new List<(DepositEvent Event, string Key, HubAccount Account)>();
        var toppedUp = false;
        foreach (var (hubEvent, key) in keyed)
        {
            switch (hubEvent)
            {
                case AddressDepositEvent seen when batch.Account(seen.UserId) is { } account:
                    if (batch.IsRecorded(key)) break;
                    touched.Add(RecordIncoming(db, batch, account, seen, key));
                    result = result with { DepositsSeen = result.DepositsSeen + 1 };
                    break;
                case AddressSweepEvent swept:
                    batch.Address(swept.Address)?.MarkSwept(Now);
                    break;
                case DepositEvent credit when batch.Account(credit.UserId) is { } account:
                    credits.Add((credit, key, account));
                    break;
                case DepositEvent topUp when topUp.UserId == options.Value.HotWalletUserId:
                    toppedUp |= await RecordTopUpAsync(db, topUp, key, cancellationToken);
                    break;
                case UserAccountEvent other when other.UserId != options.Value.HotWalletUserId && batch.Account(other.UserId) is null:
                    if (batch.RecordUnrecognised(db, other, key, Now)) result = result with { Unrecognised = result.Unrecognised + 1 };
                    break;
            }
        }
        result = await CreditAsync(db, batch, credits, result, touched, cancellationToken);

        if (keyed.Count > 0) cursor.Timestamp = Math.Max(cursor.Timestamp, keyed.Max(k => k.Event.Timestamp));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.HubEventsRead(keyed.Select(k => k.Event));
        metrics.DepositsCredited(CoinSymbols.Iota, result.DepositsCredited, result.AmountCredited);
        await checkpoints.ReachedAsync(Checkpoints.BalanceCommitted);

        if (toppedUp) events.Publish(new HotWalletChanged());
        foreach (var user in touched.GroupBy(d => d.UserId))
            events.Publish(new DepositsChanged(user.Key, user.Select(d => d.Id).Distinct().ToList()));
        return result;
    }

    // DEPOSIT events are credited with the event's amount, each key once, in one bulk posting.
    private async Task<BalanceSyncResult> CreditAsync(ExchangeDbContext db, SyncBatch batch, List<(DepositEvent Event, string Key, HubAccount Account)> credits,
        BalanceSyncResult result, List<Deposit> touched, CancellationToken cancellationToken)
    {
        var changes = credits.Select(c => LedgerChange.Deposit(c.Account.UserId, CoinSymbols.Iota, c.Event.Amount, c.Event.SweepBundleHash, $"hub:{c.Key}")).ToList();
        var booked = (await ledger.CreditManyAsync(db, changes, cancellationToken)).Select(e => e.IdempotencyKey).ToHashSet();
        foreach (var (credit, key, account) in credits.Where(c => booked.Contains($"hub:{c.Key}")))
        {
            account.RecordCredit(credit.Amount);
            touched.AddRange(MarkCredited(db, batch, account, credit, key));
            result = result with { DepositsCredited = result.DepositsCredited + 1, AmountCredited = result.AmountCredited + credit.Amount };
        }
        return result;
    }

    // The hot wallet's own deposits are the exchange's money (top-ups from cold storage), no user's.
    private async Task<bool> RecordTopUpAsync(ExchangeDbContext db, DepositEvent topUp, string key, CancellationToken cancellationToken)
    {
        if (db.HotWalletTransfers.Local.Any(t => t.HubEventKey == key) || await db.HotWalletTransfers.AnyAsync(t => t.HubEventKey == key, cancellationToken))
            return false;
        db.HotWalletTransfers.Add(HotWalletTransfer.TopUp(topUp.Amount, topUp.SweepBundleHash, key, Now));
        return true;
    }

    private Deposit RecordIncoming(ExchangeDbContext db, SyncBatch batch, HubAccount account, AddressDepositEvent seen, string key)
    {
        var address = batch.Address(seen.Address);
        address?.MarkSeen(Now);
        var deposit = Deposit.Incoming(account.UserId, CoinSymbols.Iota, address?.Id, seen.Amount, seen.Hash, Now, key);
        db.Deposits.Add(deposit);
        batch.Track(deposit, seen.Address);
        return deposit;
    }

    // The DEPOSIT is one address's whole balance: the UA_SWEEP of the same user, bundle and amount
    // names the address, whose Incoming deposits it credits.
    private IReadOnlyList<Deposit> MarkCredited(ExchangeDbContext db, SyncBatch batch, HubAccount account, DepositEvent credit, string key)
    {
        var address = batch.TakeSweptAddress(credit.UserId, credit.SweepBundleHash, credit.Amount);
        var incoming = address is null ? [] : batch.IncomingAt(address);
        foreach (var deposit in incoming) deposit.MarkCredited(credit.SweepBundleHash, Now);
        if (incoming.Count > 0) return incoming;
        return [db.Deposits.Add(Deposit.CreditedDirectly(account.UserId, CoinSymbols.Iota, address is null ? null : batch.Address(address)?.Id, credit.Amount, credit.SweepBundleHash, Now, key)).Entity];
    }

    // Hub lists USER_ACCOUNT before USER_ADDRESS; a deposit seen and swept between two runs must
    // be recorded as seen before its credit is matched to it.
    private static int ProcessingOrder(BalanceEvent e) => e switch
    {
        AddressDepositEvent => 0,
        AddressSweepEvent => 1,
        _ => 2,
    };

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
