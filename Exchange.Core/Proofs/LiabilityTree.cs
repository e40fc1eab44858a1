using static Exchange.Core.Proofs.ProofHashing;

namespace Exchange.Core.Proofs;

/// <summary>A snapshot's tree and, per member, the position of the member's leaf.</summary>
internal sealed record BuiltTree(SumTree Tree, int[] LeafOfMember);

/// <summary>
/// Builds a snapshot's Merkle sum tree: a leaf per member, keyed by the member's nonce and the
/// snapshot, and padding leaves with random keys and zero balances, which look like the leaves of
/// users who hold nothing.
/// </summary>
internal static class LiabilityTree
{
    // Leaves are hashed in slices on every core: the hashing is most of a snapshot's work.
    private const int Slice = 8192;

    public static BuiltTree Build(long snapshotId, MemberBalances members, LeafLayout layout)
    {
        var coins = members.Coins;
        var hashes = new byte[layout.Width * HashSize];
        var sums = new ulong[layout.Width * coins];
        var leafOf = new int[members.Count];
        Parallel.For(0, (layout.Width + Slice - 1) / Slice, slice =>
        {
            Span<byte> key = stackalloc byte[KeySize];
            for (var leaf = slice * Slice; leaf < Math.Min(layout.Width, (slice + 1) * Slice); leaf++)
            {
                var member = layout.MemberAt(leaf);
                var balances = sums.AsSpan(leaf * coins, coins);
                if (member >= 0)
                {
                    LeafKey(members.Nonce(member), snapshotId, key);
                    members.Balances(member).CopyTo(balances);
                    leafOf[member] = leaf;
                }
                else
                    layout.PaddingKey(leaf, key);
                LeafHash(key, snapshotId, leaf, balances, hashes.AsSpan(leaf * HashSize, HashSize));
            }
        });
        return new BuiltTree(SumTree.Over(hashes, sums, coins), leafOf);
    }
}
