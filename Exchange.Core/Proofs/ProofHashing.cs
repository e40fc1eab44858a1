using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Exchange.Core.Proofs;

/// <summary>
/// The bytes of the proof-of-liabilities tree, exactly as docs/proof-of-liabilities.md defines
/// them. The builder and the verifier both hash here, and so must any other verifier.
/// </summary>
public static class ProofHashing
{
    /// <summary>Names this encoding in every manifest and proof.</summary>
    public const string Scheme = "exchange-pol-v1";

    public const int HashSize = 32;
    public const int KeySize = 32;
    public const int NonceSize = 32;

    private const byte LeafTag = 0x00;
    private const byte NodeTag = 0x01;
    private const int LargestStackMessage = 512;

    private static ReadOnlySpan<byte> LeafKeyLabel => "exchange-pol-leaf-key"u8;

    /// <summary>k = HMAC-SHA256(nonce, "exchange-pol-leaf-key" ‖ u64be(snapshotId)): the user's key in one snapshot.</summary>
    public static void LeafKey(ReadOnlySpan<byte> nonce, long snapshotId, Span<byte> key)
    {
        Span<byte> message = stackalloc byte[LeafKeyLabel.Length + sizeof(ulong)];
        LeafKeyLabel.CopyTo(message);
        BinaryPrimitives.WriteUInt64BigEndian(message[LeafKeyLabel.Length..], (ulong)snapshotId);
        HMACSHA256.HashData(nonce, message, key);
    }

    /// <summary>HMAC-SHA256(k, 0x00 ‖ u64be(snapshotId) ‖ u64be(leafIndex) ‖ u64be(balance) per coin).</summary>
    public static void LeafHash(ReadOnlySpan<byte> key, long snapshotId, long leafIndex, ReadOnlySpan<ulong> balances, Span<byte> hash)
    {
        var length = 1 + 2 * sizeof(ulong) + balances.Length * sizeof(ulong);
        Span<byte> message = length <= LargestStackMessage ? stackalloc byte[length] : new byte[length];
        message[0] = LeafTag;
        BinaryPrimitives.WriteUInt64BigEndian(message[1..], (ulong)snapshotId);
        BinaryPrimitives.WriteUInt64BigEndian(message[9..], (ulong)leafIndex);
        WriteAmounts(balances, message[17..]);
        HMACSHA256.HashData(key, message, hash);
    }

    /// <summary>SHA-256(0x01 ‖ left hash ‖ left sums ‖ right hash ‖ right sums), each sum u64be, coin by coin.</summary>
    public static void NodeHash(ReadOnlySpan<byte> leftHash, ReadOnlySpan<ulong> leftSums, ReadOnlySpan<byte> rightHash, ReadOnlySpan<ulong> rightSums, Span<byte> hash)
    {
        var child = HashSize + leftSums.Length * sizeof(ulong);
        var length = 1 + 2 * child;
        Span<byte> message = length <= LargestStackMessage ? stackalloc byte[length] : new byte[length];
        message[0] = NodeTag;
        leftHash.CopyTo(message[1..]);
        WriteAmounts(leftSums, message[(1 + HashSize)..]);
        rightHash.CopyTo(message[(1 + child)..]);
        WriteAmounts(rightSums, message[(1 + child + HashSize)..]);
        SHA256.HashData(message, hash);
    }

    /// <summary>The children's sums coin by coin; false when one overflows 64 bits (coins are never netted).</summary>
    public static bool TryAdd(ReadOnlySpan<ulong> left, ReadOnlySpan<ulong> right, Span<ulong> sums)
    {
        for (var coin = 0; coin < sums.Length; coin++)
        {
            var sum = left[coin] + right[coin];
            if (sum < left[coin]) return false;
            sums[coin] = sum;
        }
        return true;
    }

    public static void WriteAmounts(ReadOnlySpan<ulong> amounts, Span<byte> destination)
    {
        for (var coin = 0; coin < amounts.Length; coin++)
            BinaryPrimitives.WriteUInt64BigEndian(destination[(coin * sizeof(ulong))..], amounts[coin]);
    }

    public static void ReadAmounts(ReadOnlySpan<byte> source, Span<ulong> amounts)
    {
        for (var coin = 0; coin < amounts.Length; coin++)
            amounts[coin] = BinaryPrimitives.ReadUInt64BigEndian(source[(coin * sizeof(ulong))..]);
    }
}
