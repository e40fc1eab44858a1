using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Proofs;

/// <summary>
/// A snapshot's leaves as anyone may download them: <see cref="LeafCount"/> records in leaf order,
/// each the leaf's hash (32 bytes) and its balances (u64 big-endian per coin, in the manifest's
/// coin order), <see cref="RecordSize"/> bytes a record. No key and nothing about a user: enough to
/// hash the tree again and compare its root and sums with the signed manifest.
/// </summary>
public sealed record LeavesDownload(long SnapshotId, string Root, long LeafCount, int Coins)
{
    public int RecordSize => ProofHashing.HashSize + Coins * sizeof(ulong);

    public long Length => LeafCount * RecordSize;

    public string FileName => $"proof-of-liabilities-{SnapshotId}-leaves.bin";
}

/// <summary>The download, or why there is none: no such snapshot, or its tree is no longer kept.</summary>
public sealed record LeavesDownloadResult(LeavesDownload? Download, string? Problem, bool Gone);

/// <summary>
/// Streams a snapshot's stored leaves (<see cref="TreeParts"/>) a few parts at a time, each read
/// in a short query of its own: a large snapshot's leaves (docs/proof-of-liabilities.md, "Storage")
/// are never held at once, and a slow client holds no database read open.
/// </summary>
public sealed class ProofLeafDownloads(IDbContextFactory<ExchangeDbContext> contexts)
{
    private const int PartsPerRead = 16;

    public async Task<LeavesDownloadResult> FindAsync(long snapshotId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var snapshot = await db.ProofSnapshots.AsNoTracking().Where(s => s.Id == snapshotId && s.State == ProofSnapshotState.Published)
            .Select(s => new { s.Root, s.LeafCount, s.TreeKept }).SingleOrDefaultAsync(cancellationToken);
        if (snapshot is null) return new LeavesDownloadResult(null, $"There is no published snapshot {snapshotId}.", Gone: false);
        if (!snapshot.TreeKept)
            return new LeavesDownloadResult(null, $"Snapshot {snapshotId} is too old: its tree is no longer kept, only its signed manifest.", Gone: true);
        var coins = await db.ProofSnapshotTotals.CountAsync(t => t.SnapshotId == snapshotId, cancellationToken);
        return new LeavesDownloadResult(new LeavesDownload(snapshotId, snapshot.Root!, snapshot.LeafCount, coins), null, Gone: false);
    }

    /// <summary>
    /// Writes every leaf record to <paramref name="destination"/>. Throws when a part is missing (the
    /// tree was dropped while it was being read): what was written is then short of <see cref="LeavesDownload.Length"/>.
    /// </summary>
    public async Task WriteAsync(LeavesDownload download, Stream destination, CancellationToken cancellationToken = default)
    {
        var parts = checked((int)(download.LeafCount >> TreeParts.PartHeight(DepthOf(download.LeafCount))));
        for (var first = 0; first < parts; first += PartsPerRead)
        {
            var last = Math.Min(parts, first + PartsPerRead) - 1;
            List<byte[]> data;
            await using (var db = contexts.CreateDbContext())
                data = await db.ProofSnapshotParts.AsNoTracking()
                    .Where(p => p.SnapshotId == download.SnapshotId && p.Kind == ProofPartKind.Leaves && p.Number >= first && p.Number <= last)
                    .OrderBy(p => p.Number).Select(p => p.Data).ToListAsync(cancellationToken);
            if (data.Count != last - first + 1)
                throw new InvalidOperationException($"Snapshot {download.SnapshotId}'s tree is no longer kept: its leaves from part {first} on are gone.");
            foreach (var part in data) await destination.WriteAsync(part, cancellationToken);
        }
    }

    private static int DepthOf(long leafCount) => System.Numerics.BitOperations.Log2((ulong)leafCount);
}
