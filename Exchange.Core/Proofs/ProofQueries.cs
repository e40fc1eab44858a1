using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Proofs;

/// <summary>An amount of a coin as a snapshot states it: base units, with the coin's decimals for display.</summary>
public sealed record ProofAmount(string Coin, int Decimals, long Amount);

/// <summary>
/// A published snapshot as anyone may see it: the manifest exactly as signed, the signature, the
/// key that signed it, and the figures the manifest holds (liabilities per coin; what Hub reported,
/// null when unknown). <see cref="ProofsAvailable"/> is false once its tree is no longer kept.
/// </summary>
public sealed record PublishedSnapshot(long Id, DateTime TakenAt, long LedgerPosition, long LeafCount, int Depth, string Root, string Manifest, string Signature,
    string PublicKey, string KeyFingerprint, IReadOnlyList<ProofAmount> Totals, long? HubTotal, long? HotWallet, bool ProofsAvailable);

/// <summary>A snapshot as operators see it: who took it (null: the schedule), how many users it holds and left out, what Hub said, how long it took.</summary>
public sealed record SnapshotReport(PublishedSnapshot Snapshot, string? TakenBy, DateTime StartedAt, int Users, int OwingUsers, string? HubProblem, TimeSpan Duration);

/// <summary>A user's proof file (<see cref="Json"/>), with what it says about them.</summary>
public sealed record UserProof(long SnapshotId, string FileName, string Json, long LeafIndex, IReadOnlyList<ProofAmount> Balances);

/// <summary>The proof, or why there is none.</summary>
public sealed record UserProofResult(UserProof? Proof, string? Problem);

/// <summary>Reads of published snapshots, and users' proofs of inclusion.</summary>
public sealed class ProofQueries(IDbContextFactory<ExchangeDbContext> contexts)
{
    public async Task<PublishedSnapshot?> LatestAsync(CancellationToken cancellationToken = default) => (await RecentAsync(1, cancellationToken)).FirstOrDefault();

    /// <summary>The published snapshot with this id, or null.</summary>
    public async Task<PublishedSnapshot?> FindAsync(long snapshotId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var row = await Published(db).SingleOrDefaultAsync(s => s.Id == snapshotId, cancellationToken);
        if (row is null) return null;
        var totals = await db.ProofSnapshotTotals.AsNoTracking().Where(t => t.SnapshotId == snapshotId).ToListAsync(cancellationToken);
        return Report(row, totals).Snapshot;
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<PublishedSnapshot>> RecentAsync(int count, CancellationToken cancellationToken = default) =>
        (await ReportsAsync(count, cancellationToken)).Select(r => r.Snapshot).ToList();

    /// <summary>Newest first; for operators only.</summary>
    public async Task<IReadOnlyList<SnapshotReport>> ReportsAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await Published(db).OrderByDescending(s => s.Id).Take(count).ToListAsync(cancellationToken);
        var ids = rows.Select(s => s.Id).ToList();
        var totals = (await db.ProofSnapshotTotals.AsNoTracking().Where(t => ids.Contains(t.SnapshotId)).ToListAsync(cancellationToken))
            .ToLookup(t => t.SnapshotId);
        return rows.Select(s => Report(s, totals[s.Id])).ToList();
    }

    /// <summary>
    /// The user's proof of inclusion in the snapshot (the newest when <paramref name="snapshotId"/> is
    /// null). For the signed-in user only: the file holds their balances and their key in the snapshot.
    /// </summary>
    public async Task<UserProofResult> ForUserAsync(string userId, long? snapshotId = null, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var snapshot = await Published(db).Where(s => snapshotId == null || s.Id == snapshotId).OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        if (snapshot is null)
            return Missing(snapshotId is null ? "No snapshot has been published yet." : $"There is no published snapshot {snapshotId}.");
        if (!snapshot.TreeKept)
            return Missing($"Snapshot {snapshot.Id} is too old: its tree is no longer kept, only the newest snapshots' are. Get your proof of a newer one.");
        var member = await db.ProofMembers.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken);
        var leaf = member is null ? null : await LeafOfAsync(db, snapshot.Id, member.Id, cancellationToken);
        if (member is null || leaf is not { } index)
            return Missing($"Snapshot {snapshot.Id} does not hold you: you had no balance with the exchange when it was taken.");
        return new UserProofResult(await ProveAsync(db, snapshot, member, index, cancellationToken), null);
    }

    private static async Task<UserProof> ProveAsync(ExchangeDbContext db, ProofSnapshot snapshot, ProofMember member, int leaf, CancellationToken cancellationToken)
    {
        var manifest = ProofManifest.Parse(snapshot.Manifest!);
        var coins = manifest.Coins.Count;
        var height = TreeParts.PartHeight(snapshot.Depth);
        var below = TreeParts.Read(await PartAsync(db, snapshot.Id, ProofPartKind.Leaves, leaf >> height, cancellationToken), coins);
        var above = TreeParts.Read(await PartAsync(db, snapshot.Id, ProofPartKind.Roots, 0, cancellationToken), coins);
        if (Convert.ToHexStringLower(above.RootHash) != snapshot.Root)
            throw new InvalidOperationException($"The stored tree of snapshot {snapshot.Id} does not hash to its root.");
        var inPart = leaf & ((1 << height) - 1);
        var balances = below.Sums(0, inPart).ToArray();
        var key = new byte[ProofHashing.KeySize];
        ProofHashing.LeafKey(member.Nonce, snapshot.Id, key);
        var json = InclusionProof.Write(snapshot.Manifest!, snapshot.Signature!, snapshot.PublicKey!, leaf, key, balances, [.. below.Path(inPart), .. above.Path(leaf >> height)]);
        var amounts = manifest.Coins.Select((c, i) => new ProofAmount(c.Symbol, c.Decimals, checked((long)balances[i]))).ToList();
        return new UserProof(snapshot.Id, $"proof-of-liabilities-{snapshot.Id}.json", json, leaf, amounts);
    }

    private static async Task<int?> LeafOfAsync(ExchangeDbContext db, long snapshotId, long memberId, CancellationToken cancellationToken)
    {
        var number = TreeParts.IndexPartOf(memberId);
        var part = await db.ProofSnapshotParts.AsNoTracking()
            .Where(p => p.SnapshotId == snapshotId && p.Kind == ProofPartKind.LeafIndexes && p.Number == number).Select(p => p.Data).SingleOrDefaultAsync(cancellationToken);
        return part is null ? null : TreeParts.LeafOf(part, memberId);
    }

    private static async Task<byte[]> PartAsync(ExchangeDbContext db, long snapshotId, ProofPartKind kind, int number, CancellationToken cancellationToken) =>
        await db.ProofSnapshotParts.AsNoTracking().Where(p => p.SnapshotId == snapshotId && p.Kind == kind && p.Number == number).Select(p => p.Data)
            .SingleOrDefaultAsync(cancellationToken) ?? throw new InvalidOperationException($"Snapshot {snapshotId} lacks its {kind} part {number}.");

    private static IQueryable<ProofSnapshot> Published(ExchangeDbContext db) => db.ProofSnapshots.AsNoTracking().Where(s => s.State == ProofSnapshotState.Published);

    private static UserProofResult Missing(string problem) => new(null, problem);

    private static SnapshotReport Report(ProofSnapshot s, IEnumerable<ProofSnapshotTotal> totals)
    {
        var published = new PublishedSnapshot(s.Id, s.TakenAt!.Value, s.LedgerPosition, s.LeafCount, s.Depth, s.Root!, s.Manifest!, s.Signature!, s.PublicKey!,
            s.KeyFingerprint!, totals.OrderBy(t => t.Coin, StringComparer.Ordinal).Select(t => new ProofAmount(t.Coin, t.Decimals, t.Total)).ToList(),
            s.HubTotal, s.HotWallet, s.TreeKept);
        return new SnapshotReport(published, s.TakenBy, s.StartedAt, s.Users, s.OwingUsers, s.HubProblem, s.Duration ?? TimeSpan.Zero);
    }
}
