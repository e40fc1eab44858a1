using System.Numerics;
using static Exchange.Core.Proofs.ProofHashing;

namespace Exchange.Core.Proofs;

/// <summary>A sibling on a leaf's way up to the root: its hash and its sums, coin by coin.</summary>
internal sealed record ProofStep(byte[] Hash, ulong[] Sums);

/// <summary>
/// A Merkle sum tree over a bottom level whose width is a power of two, kept as flat arrays: per
/// level, every node's hash and then every node's sums, coin by coin. A million users make two
/// million nodes, so no node is an object of its own.
/// </summary>
internal sealed class SumTree
{
    private readonly byte[][] hashes;
    private readonly ulong[][] sums;

    private SumTree(byte[][] hashes, ulong[][] sums, int coins)
    {
        this.hashes = hashes;
        this.sums = sums;
        Coins = coins;
    }

    public int Coins { get; }

    /// <summary>Levels above the bottom one: every path has this many steps.</summary>
    public int Height => hashes.Length - 1;

    public int Width(int level) => hashes[level].Length / HashSize;

    public ReadOnlySpan<byte> Hash(int level, int index) => hashes[level].AsSpan(index * HashSize, HashSize);

    public ReadOnlySpan<ulong> Sums(int level, int index) => sums[level].AsSpan(index * Coins, Coins);

    public ReadOnlySpan<byte> RootHash => Hash(Height, 0);

    public ReadOnlySpan<ulong> RootSums => Sums(Height, 0);

    /// <summary>The tree whose bottom level is these nodes (the arrays are kept, not copied).</summary>
    public static SumTree Over(byte[] bottomHashes, ulong[] bottomSums, int coins)
    {
        var width = bottomHashes.Length / HashSize;
        if (width == 0 || !BitOperations.IsPow2(width) || bottomHashes.Length != width * HashSize || bottomSums.Length != width * coins)
            throw new ArgumentException($"A sum tree needs a power of two of nodes with {coins} sum(s) each; got {bottomHashes.Length} hash bytes and {bottomSums.Length} sums.");
        var height = BitOperations.Log2((uint)width);
        var hashes = new byte[height + 1][];
        var sums = new ulong[height + 1][];
        (hashes[0], sums[0]) = (bottomHashes, bottomSums);
        for (var level = 1; level <= height; level++)
            (hashes[level], sums[level]) = Parents(hashes[level - 1], sums[level - 1], coins);
        return new SumTree(hashes, sums, coins);
    }

    /// <summary>The siblings from the bottom level up to just below the root.</summary>
    public ProofStep[] Path(int index)
    {
        var path = new ProofStep[Height];
        for (var level = 0; level < Height; level++, index >>= 1)
            path[level] = new ProofStep(Hash(level, index ^ 1).ToArray(), Sums(level, index ^ 1).ToArray());
        return path;
    }

    // Wide levels are hashed in slices on every core.
    private const int Slice = 8192;

    private static (byte[] Hashes, ulong[] Sums) Parents(byte[] childHashes, ulong[] childSums, int coins)
    {
        var width = childHashes.Length / HashSize / 2;
        var hashes = new byte[width * HashSize];
        var sums = new ulong[width * coins];
        var overflow = false;
        Parallel.For(0, (width + Slice - 1) / Slice, slice =>
        {
            for (var parent = slice * Slice; parent < Math.Min(width, (slice + 1) * Slice); parent++)
            {
                var (left, right) = (2 * parent, 2 * parent + 1);
                var leftSums = childSums.AsSpan(left * coins, coins);
                var rightSums = childSums.AsSpan(right * coins, coins);
                if (!TryAdd(leftSums, rightSums, sums.AsSpan(parent * coins, coins)))
                {
                    overflow = true;
                    return;
                }
                NodeHash(childHashes.AsSpan(left * HashSize, HashSize), leftSums, childHashes.AsSpan(right * HashSize, HashSize), rightSums,
                    hashes.AsSpan(parent * HashSize, HashSize));
            }
        });
        if (overflow) throw new OverflowException("The liabilities in one coin add up to more than 2^64 - 1 base units, more than the tree's encoding holds.");
        return (hashes, sums);
    }
}
