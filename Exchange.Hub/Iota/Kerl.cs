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
        // Horner's rule in base 3^39 (the largest power of 3 a long holds), from the top group down.
        var value = BigInteger.Zero;
        for (var top = HashTrits - 1; top > 0; top -= GroupTrits)
        {
            var bottom = Math.Max(0, top - GroupTrits);
            long group = 0;
            for (var i = top - 1; i >= bottom; i--) group = group * 3 + trits[i];
            value = value * PowerOf3[top - bottom] + group;
        }
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

        // Balanced base-3^39 digits from the bottom up, each spelled out in balanced trits.
        var trits = new sbyte[HashTrits];
        for (var bottom = 0; bottom < HashTrits - 1; bottom += GroupTrits)
        {
            var length = Math.Min(GroupTrits, HashTrits - 1 - bottom);
            var power = PowerOf3[length];
            var quotient = BigInteger.DivRem(value, power, out var remainder);
            var digit = (long)remainder;
            var half = (power - 1) / 2;
            if (digit > half) (digit, quotient) = (digit - power, quotient + 1);
            else if (digit < -half) (digit, quotient) = (digit + power, quotient - 1);
            value = quotient;
            for (var i = bottom; i < bottom + length; i++)
            {
                var trit = (int)(((digit % 3) + 3) % 3);
                if (trit == 2) trit = -1;
                trits[i] = (sbyte)trit;
                digit = (digit - trit) / 3;
            }
        }
        return trits;
    }

    private const int GroupTrits = 39;
    private static readonly long[] PowerOf3 = Enumerable.Range(0, GroupTrits + 1).Select(n => (long)BigInteger.Pow(3, n)).ToArray();
}
