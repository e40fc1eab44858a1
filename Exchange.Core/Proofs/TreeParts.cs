using System.Buffers.Binary;
using static Exchange.Core.Proofs.ProofHashing;

namespace Exchange.Core.Proofs;

/// <summary>
/// How a snapshot's tree is stored so that a proof needs neither the whole tree nor a rebuild:
/// the leaves in parts of 1,024 (a node is its hash and then its sums, u64 big-endian), the roots
/// of those parts, and each member's leaf position in parts of 4,096 members. A proof reads one
/// part of each kind and hashes two small subtrees. Only leaves are stored: the levels above them
/// are cheap to hash again and would double the size: a snapshot stores 32 + 8 × coins bytes a
/// leaf and 4 bytes a member.
/// </summary>
internal static class TreeParts
{
    public const int LeavesPartHeight = 10;
    public const int MembersPerIndexPart = 4096;
    private const int IndexEntry = sizeof(uint);

    /// <summary>Levels inside one leaves part.</summary>
    public static int PartHeight(int depth) => Math.Min(LeavesPartHeight, depth);

    public static IEnumerable<ProofSnapshotPart> Of(long snapshotId, SumTree tree, MemberBalances members, int[] leafOf)
    {
        var height = PartHeight(tree.Height);
        var perPart = 1 << height;
        for (var part = 0; part < tree.Width(0) / perPart; part++)
            yield return ProofSnapshotPart.Of(snapshotId, ProofPartKind.Leaves, part, Nodes(tree, 0, part * perPart, perPart));
        yield return ProofSnapshotPart.Of(snapshotId, ProofPartKind.Roots, 0, Nodes(tree, height, 0, tree.Width(height)));
        foreach (var (number, data) in LeafIndexes(members, leafOf))
            yield return ProofSnapshotPart.Of(snapshotId, ProofPartKind.LeafIndexes, number, data);
    }

    /// <summary>The subtree whose bottom level a Leaves or Roots part holds.</summary>
    public static SumTree Read(byte[] part, int coins)
    {
        var size = NodeSize(coins);
        var width = part.Length / size;
        var hashes = new byte[width * HashSize];
        var sums = new ulong[width * coins];
        for (var node = 0; node < width; node++)
        {
            part.AsSpan(node * size, HashSize).CopyTo(hashes.AsSpan(node * HashSize));
            ReadAmounts(part.AsSpan(node * size + HashSize, coins * sizeof(ulong)), sums.AsSpan(node * coins, coins));
        }
        return SumTree.Over(hashes, sums, coins);
    }

    public static int IndexPartOf(long memberId) => checked((int)(memberId / MembersPerIndexPart));

    /// <summary>The member's leaf position, or null when the snapshot does not hold the member.</summary>
    public static int? LeafOf(byte[] indexPart, long memberId)
    {
        var entry = BinaryPrimitives.ReadUInt32BigEndian(indexPart.AsSpan((int)(memberId % MembersPerIndexPart) * IndexEntry));
        return entry == 0 ? null : (int)(entry - 1);
    }

    private static int NodeSize(int coins) => HashSize + coins * sizeof(ulong);

    private static byte[] Nodes(SumTree tree, int level, int first, int count)
    {
        var size = NodeSize(tree.Coins);
        var data = new byte[count * size];
        for (var node = 0; node < count; node++)
        {
            tree.Hash(level, first + node).CopyTo(data.AsSpan(node * size));
            WriteAmounts(tree.Sums(level, first + node), data.AsSpan(node * size + HashSize));
        }
        return data;
    }

    // An entry is the leaf position plus one, so that zero means "not in this snapshot".
    private static Dictionary<int, byte[]> LeafIndexes(MemberBalances members, int[] leafOf)
    {
        var parts = new Dictionary<int, byte[]>();
        for (var member = 0; member < members.Count; member++)
        {
            var id = members.MemberId(member);
            if (!parts.TryGetValue(IndexPartOf(id), out var part))
                parts[IndexPartOf(id)] = part = new byte[MembersPerIndexPart * IndexEntry];
            BinaryPrimitives.WriteUInt32BigEndian(part.AsSpan((int)(id % MembersPerIndexPart) * IndexEntry), (uint)leafOf[member] + 1);
        }
        return parts;
    }
}
