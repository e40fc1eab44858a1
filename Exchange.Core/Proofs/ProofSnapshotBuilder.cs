using Exchange.Core.Audit;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.HubSync;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Proofs;

/// <summary>What a snapshot came to: for the job's summary and the operator's answer.</summary>
public sealed record SnapshotOutcome(long SnapshotId, string Root, int Users, long LeafCount, bool ReservesKnown)
{
    public string Summary =>
        $"snapshot {SnapshotId}: {Users:N0} user(s) in {LeafCount:N0} leaves, root {Root[..16]}…{(ReservesKnown ? "" : "; Hub's reserves unknown (Hub did not answer)")}";
}

/// <summary>
/// Takes one snapshot: takes its id, makes missing nonces, reads the ledger and Hub at one
/// moment, builds the tree in a new random order, signs the manifest, and stores the snapshot,
/// its totals and its tree in one transaction. A snapshot that fails leaves nothing behind.
/// </summary>
public sealed class ProofSnapshotBuilder(IDbContextFactory<ExchangeDbContext> contexts, IHubClient hubClient, IOptions<HubSyncOptions> hubOptions,
    ProofSigningKey signingKey, AuditLog audit, IOptions<ProofOfLiabilitiesOptions> options, TimeProvider time)
{
    private readonly MemberNonces nonces = new(contexts, time);
    private readonly LedgerReader ledger = new(contexts, time);
    private readonly HubReservesReader hub = new(hubClient, hubOptions);
    private static readonly TimeSpan Abandoned = TimeSpan.FromDays(1);
    private const int PartsPerSave = 64;

    public async Task<SnapshotOutcome> TakeAsync(string? operatorId, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var id = await BeginAsync(operatorId, cancellationToken);
        SnapshotOutcome outcome;
        try
        {
            await nonces.EnsureAsync(cancellationToken);
            var reading = hub.ReadAsync(cancellationToken);
            var read = await ledger.ReadAsync(cancellationToken);
            var reserves = await reading;
            await nonces.RegisterAsync(read.Members, cancellationToken);
            var built = LiabilityTree.Build(id, read.Members, LeafLayout.Random(read.Members.Count));
            var manifest = ManifestOf(id, read, built.Tree, reserves);
            outcome = new SnapshotOutcome(id, manifest.Root, read.Members.Count, manifest.LeafCount, reserves.HubTotal is not null);
            await PublishAsync(manifest, read, built, reserves, operatorId, time.GetElapsedTime(started), cancellationToken);
        }
        catch
        {
            await AbandonAsync(id);
            throw;
        }
        await PruneAsync(cancellationToken);
        return outcome;
    }

    private async Task<long> BeginAsync(string? operatorId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var snapshot = ProofSnapshot.Begin(time.GetUtcNow().UtcDateTime, operatorId);
        db.ProofSnapshots.Add(snapshot);
        await db.SaveChangesAsync(cancellationToken);
        return snapshot.Id;
    }

    private static ProofManifest ManifestOf(long id, LedgerRead read, SumTree tree, HubReserves reserves)
    {
        var coins = new List<ManifestCoin>();
        for (var coin = 0; coin < read.Coins.Count; coin++)
            coins.Add(new ManifestCoin(read.Coins[coin].Symbol, read.Coins[coin].Decimals, tree.RootSums[coin]));
        return new ProofManifest(id, read.TakenAt, read.LedgerPosition, coins, tree.Width(0), tree.Height, Convert.ToHexStringLower(tree.RootHash),
            new ManifestReserves(CoinSymbols.Iota, (ulong?)reserves.HubTotal, (ulong?)reserves.HotWallet));
    }

    private async Task PublishAsync(ProofManifest manifest, LedgerRead read, BuiltTree built, HubReserves reserves, string? operatorId, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var json = manifest.ToJson();
        var signature = signingKey.Sign(json);
        await using var db = contexts.CreateDbContext();
        var snapshot = await db.ProofSnapshots.SingleAsync(s => s.Id == manifest.SnapshotId, cancellationToken);
        snapshot.Publish(manifest, json, signature, signingKey.PublicKey, new SnapshotCounts(read.Members.Count, read.Members.Owing), reserves, duration);
        db.ProofSnapshotTotals.AddRange(manifest.Coins.Select(coin => ProofSnapshotTotal.Of(snapshot.Id, coin)));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (operatorId is not null)
            await audit.AddAsync(db, new OperatorAction(operatorId, "Proof of liabilities snapshot taken", $"snapshot {snapshot.Id}",
                After: $"root {manifest.Root}, {string.Join(", ", manifest.Coins.Select(c => $"{c.Symbol} {c.Total}"))} (base units), {read.Members.Count} user(s)"), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // A few parts at a time: the tree's copy in parts never sits whole in memory beside the tree.
        foreach (var parts in TreeParts.Of(snapshot.Id, built.Tree, read.Members, built.LeafOfMember).Chunk(PartsPerSave))
        {
            db.ChangeTracker.Clear();
            db.ProofSnapshotParts.AddRange(parts);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task AbandonAsync(long id)
    {
        await using var db = contexts.CreateDbContext();
        await db.ProofSnapshots.Where(s => s.Id == id && s.State == ProofSnapshotState.Building).ExecuteDeleteAsync(CancellationToken.None);
    }

    // Trees beyond the newest TreesKept go (their manifests stay), and so do snapshots a crashed process left half-built.
    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var oldestKept = await db.ProofSnapshots.Where(s => s.State == ProofSnapshotState.Published).OrderByDescending(s => s.Id)
            .Skip(options.Value.TreesKept - 1).Select(s => (long?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (oldestKept is { } kept)
        {
            await db.ProofSnapshotParts.Where(p => p.SnapshotId < kept).ExecuteDeleteAsync(cancellationToken);
            await db.ProofSnapshots.Where(s => s.Id < kept && s.TreeKept).ExecuteUpdateAsync(s => s.SetProperty(x => x.TreeKept, false), cancellationToken);
        }
        var abandoned = time.GetUtcNow().UtcDateTime - Abandoned;
        await db.ProofSnapshots.Where(s => s.State == ProofSnapshotState.Building && s.StartedAt < abandoned).ExecuteDeleteAsync(cancellationToken);
    }
}
