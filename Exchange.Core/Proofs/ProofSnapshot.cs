namespace Exchange.Core.Proofs;

/// <summary>Building: its id is taken and its tree is being built. Published: signed and stored, with its tree.</summary>
public enum ProofSnapshotState
{
    Building,
    Published,
}

/// <summary>
/// One proof of liabilities: the ledger's balances at one moment as a signed Merkle sum tree. The
/// manifest is kept as the exact text that was signed. Besides what the manifest publishes, the
/// row keeps the operators' report: how many users the tree holds, how many were left out for
/// owing money, what Hub said, how long it took.
/// </summary>
public sealed class ProofSnapshot
{
    public long Id { get; private set; }
    public ProofSnapshotState State { get; private set; }
    public DateTime StartedAt { get; private set; }

    /// <summary>The operator who asked for it; null when the schedule took it.</summary>
    public string? TakenBy { get; private set; }

    /// <summary>When the ledger was read (the manifest's <c>takenAt</c>).</summary>
    public DateTime? TakenAt { get; private set; }

    /// <summary>The highest ledger entry id the read saw.</summary>
    public long LedgerPosition { get; private set; }

    public int Users { get; private set; }
    public int OwingUsers { get; private set; }
    public long LeafCount { get; private set; }
    public int Depth { get; private set; }
    public string? Root { get; private set; }
    public string? Manifest { get; private set; }
    public string? Signature { get; private set; }

    /// <summary>The public key (PEM) the manifest was signed with, and its fingerprint.</summary>
    public string? PublicKey { get; private set; }
    public string? KeyFingerprint { get; private set; }

    /// <summary>Hub's GetStats total and the hot wallet's Hub balance, read with the ledger; null when Hub did not answer.</summary>
    public long? HubTotal { get; private set; }
    public long? HotWallet { get; private set; }

    /// <summary>Why Hub's figures are missing, for operators (the manifest only says they are unknown).</summary>
    public string? HubProblem { get; private set; }

    public TimeSpan? Duration { get; private set; }

    /// <summary>Whether the tree is still stored, so that users can get their proofs of this snapshot.</summary>
    public bool TreeKept { get; private set; }

    private ProofSnapshot() { }

    internal static ProofSnapshot Begin(DateTime now, string? operatorId) =>
        new() { State = ProofSnapshotState.Building, StartedAt = now, TakenBy = operatorId };

    internal void Publish(ProofManifest manifest, string manifestJson, string signature, ProofPublicKey key, SnapshotCounts counts, HubReserves reserves, TimeSpan duration)
    {
        if (State != ProofSnapshotState.Building || manifest.SnapshotId != Id)
            throw new InvalidOperationException($"Snapshot {Id} is {State}; manifest of snapshot {manifest.SnapshotId} cannot be published on it.");
        State = ProofSnapshotState.Published;
        TakenAt = manifest.TakenAt;
        LedgerPosition = manifest.LedgerPosition;
        (Users, OwingUsers) = (counts.Users, counts.Owing);
        (LeafCount, Depth, Root) = (manifest.LeafCount, manifest.Depth, manifest.Root);
        (Manifest, Signature) = (manifestJson, signature);
        (PublicKey, KeyFingerprint) = (key.Pem, key.Fingerprint);
        (HubTotal, HotWallet, HubProblem) = (reserves.HubTotal, reserves.HotWallet, reserves.Problem is null ? null : Limits.Fit(reserves.Problem, Limits.HubReference));
        Duration = duration;
        TreeKept = true;
    }
}

/// <summary>How many users a snapshot holds, and how many it left out because they owe money.</summary>
internal sealed record SnapshotCounts(int Users, int Owing);

/// <summary>What the liabilities in one coin added up to in a snapshot, in base units.</summary>
public sealed class ProofSnapshotTotal
{
    public long SnapshotId { get; private set; }
    public string Coin { get; private set; } = "";
    public int Decimals { get; private set; }
    public long Total { get; private set; }

    private ProofSnapshotTotal() { }

    internal static ProofSnapshotTotal Of(long snapshotId, ManifestCoin coin) =>
        new() { SnapshotId = snapshotId, Coin = coin.Symbol, Decimals = coin.Decimals, Total = checked((long)coin.Total) };
}

/// <summary>
/// Leaves: 1,024 leaves of the tree (hash and sums), part N holding leaves N×1,024 onwards. Roots:
/// the roots of those parts, the level every path continues from. LeafIndexes: members' leaf
/// positions, 4,096 members a part, by member id.
/// </summary>
public enum ProofPartKind
{
    Leaves,
    Roots,
    LeafIndexes,
}

/// <summary>A piece of a snapshot's stored tree (see <see cref="TreeParts"/>).</summary>
public sealed class ProofSnapshotPart
{
    public long SnapshotId { get; private set; }
    public ProofPartKind Kind { get; private set; }
    public int Number { get; private set; }
    public byte[] Data { get; private set; } = [];

    private ProofSnapshotPart() { }

    internal static ProofSnapshotPart Of(long snapshotId, ProofPartKind kind, int number, byte[] data) =>
        new() { SnapshotId = snapshotId, Kind = kind, Number = number, Data = data };
}
