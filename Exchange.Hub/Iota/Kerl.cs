using System.Numerics;
using Org.BouncyCastle.Crypto.Digests;

namespace Exchange.Hub.Iota;

/// <summary>
/// Kerl: the original Keccak-384 (padding 0x01, not FIPS SHA3) as a sponge over 243-trit chunks,
/// each read as a 384-bit two's-complement big-endian number with trit 242 ignored.
/// </summary>
public sealed class Kerl
{
    public const int HashTrits = 243;
    private const int HashBytes = 48;
    private static readonly BigInteger Power242 = BigInteger.Pow(3, 242);
    private static readonly BigInteger HalfRange = (Power242 - 1) / 2;

    private readonly KeccakDigest keccak = new(384);

    public static string Hash(string trytes)
    {
        var kerl = new Kerl();
        kerl.Absorb(Trytes.ToTrits(trytes));
        return Trytes.FromTrits(kerl.Squeeze());
    }

    public void Absorb(ReadOnlySpan<sbyte> trits)
    {
        if (trits.Length == 0 || trits.Length % HashTrits != 0)
            throw new ArgumentException("Kerl absorbs a positive multiple of 243 trits.", nameof(trits));
        for (var offset = 0; offset < trits.Length; offset += HashTrits)
        {
            var bytes = TritsToBytes(trits.Slice(offset, HashTrits));
            keccak.BlockUpdate(bytes, 0, bytes.Length);
        }
    }

    /// <summary>243 trits of hash (trit 242 always 0); the sponge then continues from the inverted digest.</summary>
    public sbyte[] Squeeze()
    {
        var digest = new byte[HashBytes];
        keccak.DoFinal(digest, 0);
        var trits = BytesToTrits(digest);
        for (var i = 0; i < digest.Length; i++) digest[i] ^= 0xFF;
        keccak.BlockUpdate(digest, 0, digest.Length);
        return trits;
    }

    public static byte[] TritsToBytes(ReadOnlySpan<sbyte> trits)
    {
        var value = BigInteger.Zero;
        for (var i = HashTrits - 2; i >= 0; i--)
            value = value * 3 + trits[i];
        var bytes = value.ToByteArray(isUnsigned: false, isBigEndian: true);
        var padded = new byte[HashBytes];
        if (value.Sign < 0) Array.Fill(padded, (byte)0xFF);
        bytes.CopyTo(padded, HashBytes - bytes.Length);
        return padded;
    }

    public static sbyte[] BytesToTrits(ReadOnlySpan<byte> bytes)
    {
        var value = new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
        // Wrap into the balanced range 242 trits can hold.
        value %= Power242;
        if (value > HalfRange) value -= Power242;
        else if (value < -HalfRange) value += Power242;

        var trits = new sbyte[HashTrits];
        for (var i = 0; i < HashTrits - 1; i++)
        {
            var remainder = (int)(((value % 3) + 3) % 3);
            var trit = remainder == 2 ? -1 : remainder;
            trits[i] = (sbyte)trit;
            value = (value - trit) / 3;
        }
        return trits;
    }
}
