using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Exchange.Core.Proofs;

/// <summary>
/// Which user's leaf sits at each position of a snapshot's tree, and the keys of the padding
/// leaves. Every snapshot draws a new order and new padding keys from the operating system's
/// CSPRNG, so neither the number of users (beyond the padded width) nor who sat next to whom in an
/// earlier snapshot can be read from the tree. A fixed layout is for test vectors only.
/// </summary>
internal sealed class LeafLayout
{
    /// <summary>The widest tree a snapshot builds: its leaves' hashes must fit in one array.</summary>
    public const int MaxWidth = 1 << 25;

    private readonly int[] memberAt;
    private readonly IReadOnlyDictionary<int, byte[]>? paddingKeys;

    private LeafLayout(int[] memberAt, IReadOnlyDictionary<int, byte[]>? paddingKeys)
    {
        this.memberAt = memberAt;
        this.paddingKeys = paddingKeys;
    }

    /// <summary>How many leaves the tree has: a power of two, at least 2.</summary>
    public int Width => memberAt.Length;

    /// <summary>The member (0 to members - 1) whose leaf is at <paramref name="leaf"/>, or -1 for a padding leaf.</summary>
    public int MemberAt(int leaf) => memberAt[leaf];

    /// <summary>The width for this many users: the smallest power of two that holds them, and at least 2.</summary>
    public static int WidthFor(int members)
    {
        if (members > MaxWidth)
            throw new InvalidOperationException($"A snapshot holds at most {MaxWidth:N0} users; the ledger has {members:N0}.");
        return Math.Max(2, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(members, 1)));
    }

    /// <summary>A new random order of the members and padding leaves, with random padding keys.</summary>
    public static LeafLayout Random(int members)
    {
        var order = new int[WidthFor(members)];
        for (var i = 0; i < order.Length; i++) order[i] = i < members ? i : -1;
        // Sorting by random 64-bit keys is a uniform shuffle (but for equal keys, which 2^64 values make
        // vanishingly rare) that asks the OS for randomness once, where Fisher-Yates asks once per leaf.
        var keys = new ulong[order.Length];
        RandomNumberGenerator.Fill(MemoryMarshal.AsBytes(keys.AsSpan()));
        Array.Sort(keys, order);
        return new LeafLayout(order, null);
    }

    /// <summary>A given order (member per position, -1 for padding) with a given key per padding position.</summary>
    public static LeafLayout Fixed(IReadOnlyList<int> memberAt, IReadOnlyDictionary<int, byte[]> paddingKeys)
    {
        var members = memberAt.Count(m => m >= 0);
        if (memberAt.Count != WidthFor(members))
            throw new ArgumentException($"{members} members need {WidthFor(members)} leaves, not {memberAt.Count}.", nameof(memberAt));
        if (memberAt.Where(m => m >= 0).Order().SequenceEqual(Enumerable.Range(0, members)) is false)
            throw new ArgumentException("Each member must have exactly one leaf.", nameof(memberAt));
        for (var leaf = 0; leaf < memberAt.Count; leaf++)
            if (memberAt[leaf] < 0 && (!paddingKeys.TryGetValue(leaf, out var key) || key.Length != ProofHashing.KeySize))
                throw new ArgumentException($"The padding leaf at {leaf} needs a {ProofHashing.KeySize}-byte key.", nameof(paddingKeys));
        return new LeafLayout([.. memberAt], paddingKeys);
    }

    /// <summary>The key of the padding leaf at <paramref name="leaf"/>: random unless the layout is fixed.</summary>
    public void PaddingKey(int leaf, Span<byte> key)
    {
        if (paddingKeys is null) RandomNumberGenerator.Fill(key);
        else paddingKeys[leaf].CopyTo(key);
    }
}
