using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Core.Jobs;
using Exchange.Core.Ledger;
using Exchange.Core.Monitoring;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.HubSync;

/// <summary>What one run did; <paramref name="Iota"/> formats the amount in the summary.</summary>
public sealed record BalanceSyncResult(Coin Iota, int EventsRead, int DepositsSeen, int DepositsCredited, long AmountCredited, int Unrecognised) : IJobResult
{
    public string Summary => $"{EventsRead} events read, {DepositsSeen} deposits seen, {DepositsCredited} credited ({Iota.Format(AmountCredited)}), {Unrecognised} for unknown Hub users";

    // Every run reads the last seconds again (the cursor's lag): events read alone are no news.
    public bool DidWork => DepositsSeen > 0 || DepositsCredited > 0 || Unrecognised > 0;

    internal BalanceSyncResult Add(BatchBooked batch) => this with
    {
        DepositsSeen = DepositsSeen + batch.DepositsSeen,
        DepositsCredited = DepositsCredited + batch.DepositsCredited,
        AmountCredited = AmountCredited + batch.AmountCredited,
        Unrecognised = Unrecognised + batch.Unrecognised,
    };
}

/// <summary>
/// The balance check: reads BalanceSubscription from the stored cursor and turns Hub's events into
/// the exchange's records. UA_DEPOSIT -> an Incoming deposit; DEPOSIT -> a ledger credit of the
/// event's amount, exactly once. The answer is streamed to a spool and booked in bounded batches
/// (<see cref="HubSyncOptions.BatchSize"/>), each in its own transaction that also moves the cursor
/// to the batch's last timestamp: a crash after any batch means the next run reads again from there
/// (less the lag) and finds what was booked, booked once, by the events' keys.
/// </summary>
public sealed class BalanceSync(
    IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue, IHubClient hub, LedgerService ledger, IExchangeEvents events,
    IOptions<HubSyncOptions> options, TimeProvider time, ISyncCheckpoints checkpoints, ExchangeMetrics metrics)
{
    public const string CursorName = "balance-subscription";

    public async Task<BalanceSyncResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var iota = (await catalogue.CurrentAsync(cancellationToken)).Iota;
        var newerThan = Math.Max(0, await CursorAsync(cancellationToken) - (long)options.Value.CursorLag.TotalMilliseconds);
        using var spool = await BalanceSpool.ReadAsync(hub.StreamBalanceSubscriptionAsync(newerThan, cancellationToken), metrics.HubEventsRead, cancellationToken);
        await checkpoints.ReachedAsync(Checkpoints.BalanceRead);

        var result = new BalanceSyncResult(iota, spool.EventsRead, 0, 0, 0, 0);
        await foreach (var batch in spool.BatchesAheadAsync(options.Value.BatchSize, cancellationToken))
        {
            BatchBooked booked;
            await using (var db = contexts.CreateDbContext())
                booked = await new BalanceBatch(db, ledger, options.Value, Now).BookAsync(batch, cancellationToken);
            metrics.HubEventsRead(batch.Select(k => k.Event));
            metrics.DepositsCredited(CoinSymbols.Iota, booked.DepositsCredited, booked.AmountCredited);
            result = result.Add(booked);
            await checkpoints.ReachedAsync(Checkpoints.BalanceBatchCommitted);
            Announce(booked);
        }
        await checkpoints.ReachedAsync(Checkpoints.BalanceCommitted);
        return result;
    }

    // Where the last run got to; the row is made on the first run, so each batch only moves it.
    private async Task<long> CursorAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        if (await db.HubCursors.AsNoTracking().SingleOrDefaultAsync(c => c.Name == CursorName, cancellationToken) is { } cursor)
            return cursor.Timestamp;
        db.HubCursors.Add(new HubCursor { Name = CursorName });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node's first run made it at the same moment.
        }
        return 0;
    }

    // After the batch's commit, one event per user whose deposits it booked, one for the hot wallet.
    private void Announce(BatchBooked booked)
    {
        if (booked.ToppedUp) events.Publish(new HotWalletChanged());
        foreach (var user in booked.Deposits.GroupBy(d => d.User))
            events.Publish(new DepositsChanged(user.Key, user.Select(d => d.DepositId).Distinct().ToList()));
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
