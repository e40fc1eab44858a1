using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Deposits;
using Exchange.Core.HotWallet;
using Exchange.Core.Ledger;
using Exchange.Core.Notices;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.HubSync;

/// <summary>What one batch booked; the run adds them up and tells the pages about the deposits.</summary>
internal sealed record BatchBooked(int DepositsSeen, int DepositsCredited, long AmountCredited, int Unrecognised, bool ToppedUp, IReadOnlyList<(string User, long DepositId)> Deposits);

/// <summary>
/// One batch of the merged answer, booked in one transaction together with the cursor, in the
/// order the events depend on each other: UA_DEPOSIT becomes an Incoming deposit; UA_SWEEP marks
/// the address swept and remembers by which bundle and amount; DEPOSIT is credited through the
/// ledger once per key, and credits the Incoming deposits of the address whose UA_SWEEP it matches
/// (same user, bundle and amount, each address once). The address is found in the database, not
/// in the batch, so a sweep and its credit may fall into different batches. A few set-based
/// statements per kind and batch; nothing is tracked but the rare top-up.
/// </summary>
internal sealed class BalanceBatch(ExchangeDbContext db, LedgerService ledger, HubSyncOptions options, DateTime now)
{
    private Dictionary<string, KnownAccount> accounts = [];
    private readonly List<(string User, long DepositId)> announced = [];
    private readonly List<Notice> notices = [];

    private sealed record KnownAccount(long Id, string UserId);

    public async Task<BatchBooked> BookAsync(IReadOnlyList<KeyedEvent> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        accounts = await AccountsAsync(batch, cancellationToken);
        var seen = await RecordIncomingAsync(batch.Where(k => k.Event is AddressDepositEvent).ToList(), cancellationToken);
        await MarkSweptAsync(db, batch.Select(k => k.Event).OfType<AddressSweepEvent>().DistinctBy(s => s.Address).ToList(), now, cancellationToken);
        var (credited, amount) = await CreditAsync(batch.Where(k => k.Event is DepositEvent d && accounts.ContainsKey(d.UserId)).ToList(), cancellationToken);
        var toppedUp = await RecordTopUpsAsync(batch.Where(k => k.Event is DepositEvent d && d.UserId == options.HotWalletUserId && !accounts.ContainsKey(d.UserId)).ToList(), cancellationToken);
        var unrecognised = await RecordUnrecognisedAsync(
            batch.Where(k => k.Event is UserAccountEvent u && u.UserId != options.HotWalletUserId && !accounts.ContainsKey(u.UserId)).ToList(), cancellationToken);
        await NoticeLog.AddManyAsync(db, notices, cancellationToken);
        await AdvanceCursorAsync(batch[^1].Event.Timestamp, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new BatchBooked(seen, credited, amount, unrecognised, toppedUp, announced);
    }

    private async Task<Dictionary<string, KnownAccount>> AccountsAsync(IReadOnlyList<KeyedEvent> batch, CancellationToken cancellationToken)
    {
        var hubUsers = batch.Select(k => k.Event switch { UserAccountEvent a => a.UserId, AddressDepositEvent d => d.UserId, _ => null })
            .OfType<string>().Distinct().ToList();
        var found = await ListAsync(hubUsers, keys => db.HubAccounts.Where(a => EF.Parameter(keys).Contains(a.HubUserId)).Select(a => new { a.HubUserId, a.Id, a.UserId }), cancellationToken);
        return found.ToDictionary(a => a.HubUserId, a => new KnownAccount(a.Id, a.UserId));
    }

    private async Task<int> RecordIncomingAsync(List<KeyedEvent> seen, CancellationToken cancellationToken)
    {
        var known = seen.Where(k => accounts.ContainsKey(((AddressDepositEvent)k.Event).UserId)).ToList();
        if (known.Count == 0) return 0;
        var recorded = (await ListAsync(known.Select(k => k.Key).ToList(),
            keys => db.Deposits.Where(d => EF.Parameter(keys).Contains(d.HubEventKey!)).Select(d => d.HubEventKey!), cancellationToken)).ToHashSet();
        var fresh = known.Where(k => !recorded.Contains(k.Key)).ToList();
        var addresses = await AddressIdsAsync(fresh.Select(k => ((AddressDepositEvent)k.Event).Address).Distinct().ToList(), cancellationToken);
        var deposits = fresh.Select(k =>
        {
            var e = (AddressDepositEvent)k.Event;
            return Deposit.Incoming(accounts[e.UserId].UserId, CoinSymbols.Iota, addresses.TryGetValue(e.Address, out var id) ? id : null, e.Amount, e.Hash, now, k.Key);
        }).ToList();
        await InsertAsync(deposits, cancellationToken);
        notices.AddRange(deposits.Select(d => Notice.Of(NoticeTypes.DepositSeen, d.UserId, DepositData(d.Amount).With("transaction", d.TailHash), now)));
        await MarkSeenAsync(db, addresses.Values.Distinct().ToList(), now, cancellationToken);
        return fresh.Count;
    }

    // DepositAddress.MarkSeen, for many: the first time seen stays.
    internal static async Task MarkSeenAsync(ExchangeDbContext db, List<long> addressIds, DateTime now, CancellationToken cancellationToken)
    {
        if (addressIds.Count == 0) return;
        var sql = new SqlStatement(db);
        var (id, firstSeen) = (sql.Column<DepositAddress>(nameof(DepositAddress.Id)), sql.Column<DepositAddress>(nameof(DepositAddress.FirstSeenAt)));
        var rows = sql.Rows<DepositAddress>([nameof(DepositAddress.Id)], addressIds.Select(a => new object?[] { a }));
        await sql.ExecuteAsync($"UPDATE {sql.Table<DepositAddress>()} SET {firstSeen} = {sql.P(now)} WHERE {firstSeen} IS NULL AND {id} IN (SELECT r.c0 FROM {rows})", cancellationToken);
    }

    // DepositAddress.MarkSwept, for many: the first sweep recorded stays.
    internal static async Task MarkSweptAsync(ExchangeDbContext db, List<AddressSweepEvent> sweeps, DateTime now, CancellationToken cancellationToken)
    {
        if (sweeps.Count == 0) return;
        var sql = new SqlStatement(db);
        var table = sql.Table<DepositAddress>();
        string C(string property) => sql.Column<DepositAddress>(property);
        var (address, sweptAt, bundle) = (C(nameof(DepositAddress.Address81)), C(nameof(DepositAddress.SweptAt)), C(nameof(DepositAddress.SweepBundleHash)));
        var rows = sql.Rows<DepositAddress>([nameof(DepositAddress.Address81), nameof(DepositAddress.SweepBundleHash), nameof(DepositAddress.SweptAmount)],
            sweeps.Select(s => new object?[] { s.Address, s.Hash, -s.Amount }));
        await sql.ExecuteAsync(
            $"UPDATE {table} SET {sweptAt} = COALESCE({table}.{sweptAt}, {sql.P(now)}), {bundle} = r.c1, {C(nameof(DepositAddress.SweptAmount))} = r.c2 " +
            $"FROM {rows} WHERE {table}.{address} = r.c0 AND {table}.{bundle} IS NULL", cancellationToken);
    }

    // DEPOSIT events are credited with the event's amount, each key once, in one bulk posting.
    private async Task<(int Count, long Amount)> CreditAsync(List<KeyedEvent> credits, CancellationToken cancellationToken)
    {
        if (credits.Count == 0) return (0, 0);
        var changes = credits.Select(k => (DepositEvent)k.Event)
            .Select((e, i) => LedgerChange.Deposit(accounts[e.UserId].UserId, CoinSymbols.Iota, e.Amount, e.SweepBundleHash, $"hub:{credits[i].Key}")).ToList();
        var bookedKeys = (await ledger.CreditManyAsync(db, changes, cancellationToken)).Select(e => e.IdempotencyKey).ToHashSet();
        var booked = credits.Where(k => bookedKeys.Contains($"hub:{k.Key}")).ToList();
        if (booked.Count == 0) return (0, 0);
        notices.AddRange(booked.Select(k => (DepositEvent)k.Event).Select(e => Notice.Of(NoticeTypes.DepositCredited, accounts[e.UserId].UserId, DepositData(e.Amount), now)));

        var totals = booked.GroupBy(k => accounts[((DepositEvent)k.Event).UserId].Id).Select(g => (g.Key, g.Sum(k => k.Event.Amount))).ToList();
        await HubAccountTotals.AddCreditsAsync(db, totals, cancellationToken);
        var paired = await PairWithSweptAddressesAsync(booked, cancellationToken);
        var incoming = await IncomingAtAsync(paired.Where(p => p.AddressId is not null).Select(p => p.AddressId!.Value).ToList(), cancellationToken);
        await MarkIncomingCreditedAsync(db, paired.Where(p => p.AddressId is { } a && incoming.ContainsKey(a))
            .Select(p => (p.AddressId, ((DepositEvent)p.Credit.Event).SweepBundleHash)).ToList(), now, cancellationToken);
        announced.AddRange(incoming.Values.SelectMany(d => d));

        var direct = paired.Where(p => p.AddressId is not { } a || !incoming.ContainsKey(a)).Select(p =>
        {
            var e = (DepositEvent)p.Credit.Event;
            return Deposit.CreditedDirectly(accounts[e.UserId].UserId, CoinSymbols.Iota, p.AddressId, e.Amount, e.SweepBundleHash, now, p.Credit.Key);
        }).ToList();
        await InsertAsync(direct, cancellationToken);
        return (booked.Count, booked.Sum(k => k.Event.Amount));
    }

    // The DEPOSIT is one address's whole balance: the address swept by the same bundle for the same
    // amount, of the same user, not yet credited by it, names the deposits it credits.
    private async Task<List<(KeyedEvent Credit, long? AddressId)>> PairWithSweptAddressesAsync(List<KeyedEvent> booked, CancellationToken cancellationToken)
    {
        var candidates = new Dictionary<long, (string UserId, string Bundle, long Amount)>();
        var users = booked.Select(k => accounts[((DepositEvent)k.Event).UserId].UserId).Distinct().ToList();
        var bundles = booked.Select(k => ((DepositEvent)k.Event).SweepBundleHash).Distinct().ToList();
        var found = await db.DepositAddresses.AsNoTracking()
            .Where(a => EF.Parameter(bundles).Contains(a.SweepBundleHash!) && EF.Parameter(users).Contains(a.UserId)
                        && !db.Deposits.Any(d => d.DepositAddressId == a.Id && d.SweepBundleHash == a.SweepBundleHash))
            .Select(a => new { a.Id, a.UserId, a.SweepBundleHash, a.SweptAmount }).ToListAsync(cancellationToken);
        foreach (var a in found) candidates[a.Id] = (a.UserId, a.SweepBundleHash!, a.SweptAmount ?? 0);
        var free = candidates.OrderBy(c => c.Key).ToLookup(c => c.Value, c => c.Key).ToDictionary(g => g.Key, g => new Queue<long>(g));
        return booked.Select(k =>
        {
            var e = (DepositEvent)k.Event;
            return (k, free.TryGetValue((accounts[e.UserId].UserId, e.SweepBundleHash, e.Amount), out var queue) && queue.TryDequeue(out var id) ? (long?)id : null);
        }).ToList();
    }

    private async Task<Dictionary<long, List<(string User, long DepositId)>>> IncomingAtAsync(List<long> addressIds, CancellationToken cancellationToken)
    {
        var nullable = addressIds.Select(id => (long?)id).ToList();
        var found = await ListAsync(nullable, keys => db.Deposits.Where(d => d.State == DepositState.Incoming && EF.Parameter(keys).Contains(d.DepositAddressId))
            .Select(d => new { d.Id, d.UserId, d.DepositAddressId }), cancellationToken);
        return found.GroupBy(d => d.DepositAddressId!.Value).ToDictionary(g => g.Key, g => g.Select(d => (d.UserId, d.Id)).ToList());
    }

    // Deposit.MarkCredited, for many: only Incoming deposits become Credited, with the bundle that swept them.
    internal static async Task MarkIncomingCreditedAsync(ExchangeDbContext db, List<(long? AddressId, string Bundle)> paired, DateTime now, CancellationToken cancellationToken)
    {
        if (paired.Count == 0) return;
        var sql = new SqlStatement(db);
        var table = sql.Table<Deposit>();
        string C(string property) => sql.Column<Deposit>(property);
        var (address, state) = (C(nameof(Deposit.DepositAddressId)), C(nameof(Deposit.State)));
        var rows = sql.Rows<Deposit>([nameof(Deposit.DepositAddressId), nameof(Deposit.SweepBundleHash)],
            paired.Select(p => new object?[] { p.AddressId, p.Bundle }));
        await sql.ExecuteAsync(
            $"UPDATE {table} SET {state} = {sql.P(nameof(DepositState.Credited))}, {C(nameof(Deposit.CreditedAt))} = {sql.P(now)}, {C(nameof(Deposit.SweepBundleHash))} = r.c1 " +
            $"FROM {rows} WHERE {table}.{address} = r.c0 AND {table}.{state} = {sql.P(nameof(DepositState.Incoming))}", cancellationToken);
    }

    // The hot wallet's own deposits are the exchange's money (top-ups from cold storage), no user's; they are rare.
    private async Task<bool> RecordTopUpsAsync(List<KeyedEvent> topUps, CancellationToken cancellationToken)
    {
        var toppedUp = false;
        foreach (var (e, key) in topUps.Select(k => ((DepositEvent)k.Event, k.Key)))
        {
            if (db.HotWalletTransfers.Local.Any(t => t.HubEventKey == key) || await db.HotWalletTransfers.AnyAsync(t => t.HubEventKey == key, cancellationToken))
                continue;
            db.HotWalletTransfers.Add(HotWalletTransfer.TopUp(e.Amount, e.SweepBundleHash, key, now));
            toppedUp = true;
        }
        if (toppedUp) await db.SaveChangesAsync(cancellationToken);
        return toppedUp;
    }

    private async Task<int> RecordUnrecognisedAsync(List<KeyedEvent> strangers, CancellationToken cancellationToken)
    {
        if (strangers.Count == 0) return 0;
        var kept = (await ListAsync(strangers.Select(k => k.Key).ToList(),
            keys => db.UnrecognisedHubEvents.Where(u => EF.Parameter(keys).Contains(u.EventKey)).Select(u => u.EventKey), cancellationToken)).ToHashSet();
        var fresh = strangers.Where(k => kept.Add(k.Key)).Select(k =>
        {
            var e = (UserAccountEvent)k.Event;
            return new UnrecognisedHubEvent
            {
                EventKey = k.Key, HubUserId = e.UserId, Amount = e.Amount, SeenAt = now,
                Description = $"{e.GetType().Name.Replace("Event", "")} of {e.Amount} i for Hub user {e.UserId}",
            };
        }).ToList();
        await BulkSql.InsertAsync(db, fresh, cancellationToken);
        return fresh.Count;
    }

    private Task AdvanceCursorAsync(long timestamp, CancellationToken cancellationToken) =>
        db.HubCursors.Where(c => c.Name == BalanceSync.CursorName && c.Timestamp < timestamp)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Timestamp, timestamp), cancellationToken);

    // The new deposits' ids come back from the insert itself, for the announcement after the commit.
    private async Task InsertAsync(List<Deposit> deposits, CancellationToken cancellationToken) =>
        announced.AddRange((await BulkSql.InsertReturningAsync(db, deposits, nameof(Deposit.UserId), cancellationToken)).Select(d => (d.Value, d.Id)));

    private async Task<Dictionary<string, long>> AddressIdsAsync(List<string> addresses81, CancellationToken cancellationToken)
    {
        var found = await ListAsync(addresses81, keys => db.DepositAddresses.Where(a => EF.Parameter(keys).Contains(a.Address81)).Select(a => new { a.Address81, a.Id }), cancellationToken);
        return found.ToDictionary(a => a.Address81, a => a.Id);
    }

    private static NoticeData DepositData(long amount) => new NoticeData().With("amount", amount).With("coin", CoinSymbols.Iota);

    // The keys go as one JSON parameter (EF.Parameter), however many: one indexed query per lookup and batch.
    private static async Task<List<T>> ListAsync<TKey, T>(List<TKey> keys, Func<List<TKey>, IQueryable<T>> query, CancellationToken cancellationToken) =>
        keys.Count == 0 ? [] : await query(keys).ToListAsync(cancellationToken); // projections: nothing is tracked
}
