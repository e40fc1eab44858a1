using Exchange.Core.Data;
using Exchange.Core.Deposits;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.HubSync;

/// <summary>Everything one balance-check run needs from the database, loaded in a few queries up front.</summary>
internal sealed class SyncBatch
{
    private readonly Dictionary<string, HubAccount> accounts;
    private readonly Dictionary<string, DepositAddress> addresses;
    private readonly HashSet<string> recordedKeys;
    private readonly HashSet<string> unrecognisedKeys;
    private readonly Dictionary<string, List<Deposit>> incoming;
    private readonly List<AddressSweepEvent> sweeps;

    private SyncBatch(Dictionary<string, HubAccount> accounts, Dictionary<string, DepositAddress> addresses, HashSet<string> recordedKeys,
        HashSet<string> unrecognisedKeys, Dictionary<string, List<Deposit>> incoming, List<AddressSweepEvent> sweeps)
    {
        (this.accounts, this.addresses, this.recordedKeys, this.unrecognisedKeys, this.incoming, this.sweeps) =
            (accounts, addresses, recordedKeys, unrecognisedKeys, incoming, sweeps);
    }

    public static async Task<SyncBatch> LoadAsync(ExchangeDbContext db, IReadOnlyList<KeyedEvent> keyed, CancellationToken cancellationToken)
    {
        var hubUsers = keyed.Select(k => k.Event).OfType<UserAccountEvent>().Select(e => e.UserId)
            .Concat(keyed.Select(k => k.Event).OfType<UserAddressEvent>().Select(e => e.UserId)).Distinct().ToList();
        var accounts = await InChunks(hubUsers, chunk => db.HubAccounts.Where(a => chunk.Contains(a.HubUserId)), cancellationToken);

        var addresses81 = keyed.Select(k => k.Event).OfType<UserAddressEvent>().Select(e => e.Address).Distinct().ToList();
        var addresses = await InChunks(addresses81, chunk => db.DepositAddresses.Where(a => chunk.Contains(a.Address81)), cancellationToken);
        var addressIds = addresses.Select(a => (long?)a.Id).ToList();
        var incoming = await InChunks(addressIds, chunk => db.Deposits.Where(d => d.State == DepositState.Incoming && chunk.Contains(d.DepositAddressId)), cancellationToken);

        var keys = keyed.Select(k => k.Key).ToList();
        var recorded = await InChunks(keys, chunk => db.Deposits.Where(d => chunk.Contains(d.HubEventKey!)).Select(d => d.HubEventKey!), cancellationToken);
        var unrecognised = await InChunks(keys, chunk => db.UnrecognisedHubEvents.Where(u => chunk.Contains(u.EventKey)).Select(u => u.EventKey), cancellationToken);

        var byAddress = addresses.ToDictionary(a => a.Address81);
        var address81ById = addresses.ToDictionary(a => a.Id, a => a.Address81);
        var incomingByAddress = incoming.GroupBy(d => address81ById[d.DepositAddressId!.Value]).ToDictionary(g => g.Key, g => g.ToList());
        return new SyncBatch(accounts.ToDictionary(a => a.HubUserId), byAddress, [.. recorded], [.. unrecognised], incomingByAddress,
            keyed.Select(k => k.Event).OfType<AddressSweepEvent>().ToList());
    }

    public HubAccount? Account(string hubUserId) => accounts.GetValueOrDefault(hubUserId);

    public DepositAddress? Address(string address81) => addresses.GetValueOrDefault(address81);

    public bool IsRecorded(string key) => recordedKeys.Contains(key);

    public void Track(Deposit deposit, string address81)
    {
        recordedKeys.Add(deposit.HubEventKey!);
        if (!incoming.TryGetValue(address81, out var list)) incoming[address81] = list = [];
        list.Add(deposit);
    }

    public List<Deposit> IncomingAt(string address81) =>
        incoming.TryGetValue(address81, out var list) ? list.Where(d => d.State == DepositState.Incoming).ToList() : [];

    /// <summary>The address of a UA_SWEEP matching a DEPOSIT (same user, bundle, amount), each used once.</summary>
    public string? TakeSweptAddress(string hubUserId, string bundle, long amount)
    {
        var sweep = sweeps.Find(s => s.UserId == hubUserId && s.Hash == bundle && s.Amount == -amount);
        if (sweep is null) return null;
        sweeps.Remove(sweep);
        return sweep.Address;
    }

    public bool RecordUnrecognised(ExchangeDbContext db, UserAccountEvent e, string key, DateTime now)
    {
        if (!unrecognisedKeys.Add(key)) return false;
        db.UnrecognisedHubEvents.Add(new UnrecognisedHubEvent
        {
            EventKey = key, HubUserId = e.UserId, Amount = e.Amount, Description = $"{e.GetType().Name.Replace("Event", "")} of {e.Amount} i for Hub user {e.UserId}", SeenAt = now,
        });
        return true;
    }

    private static async Task<List<T>> InChunks<TKey, T>(List<TKey> values, Func<List<TKey>, IQueryable<T>> query, CancellationToken cancellationToken)
    {
        var results = new List<T>();
        foreach (var chunk in values.Chunk(500))
            results.AddRange(await query(chunk.ToList()).ToListAsync(cancellationToken));
        return results;
    }
}
