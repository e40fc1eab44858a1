using System.Numerics;

namespace Exchange.Hub.Iota;

/// <summary>
/// Where one transaction of a bundle (2673 trytes, as SweepDetail gives them) moves value: its
/// address and signed value (the value's 27 trytes are a balanced ternary number, least significant
/// trit first), and its tag. A sweep's outputs are its transactions of positive value.
/// </summary>
public sealed record BundleTransaction(string Address, long Value, string Tag)
{
    public const int Length = 2673;
    private const int AddressAt = 2187;
    private const int ValueAt = AddressAt + AddressChecksum.AddressLength;
    private const int ValueLength = 27;
    private const int TagAt = 2592;

    /// <summary>Null for text that is not a transaction, or a value beyond what a long holds (no IOTA value is).</summary>
    public static BundleTransaction? TryParse(string trytes)
    {
        if (trytes.Length != Length || !Trytes.IsTrytes(trytes)) return null;
        var value = BigInteger.Zero;
        var trits = Trytes.ToTrits(trytes.Substring(ValueAt, ValueLength));
        for (var i = trits.Length - 1; i >= 0; i--) value = value * 3 + trits[i];
        return value >= long.MinValue && value <= long.MaxValue
            ? new BundleTransaction(trytes.Substring(AddressAt, AddressChecksum.AddressLength), (long)value, trytes.Substring(TagAt, TagRules.Length))
            : null;
    }

    /// <summary><paramref name="trytes"/> with this transaction's address, value and tag written into their fields.</summary>
    public string WriteInto(string trytes)
    {
        if (trytes.Length != Length) throw new ArgumentException($"A transaction has {Length} trytes.", nameof(trytes));
        if (Address.Length != AddressChecksum.AddressLength || Tag.Length != TagRules.Length)
            throw new InvalidOperationException("A transaction's address has 81 trytes and its tag 27.");
        var written = trytes.ToCharArray();
        Address.CopyTo(written.AsSpan(AddressAt));
        ValueTrytes(Value).CopyTo(written.AsSpan(ValueAt));
        Tag.CopyTo(written.AsSpan(TagAt));
        return new string(written);
    }

    /// <summary><paramref name="trytes"/> moving nothing: its value field all zero.</summary>
    public static string WithoutValue(string trytes)
    {
        if (trytes.Length != Length) throw new ArgumentException($"A transaction has {Length} trytes.", nameof(trytes));
        var written = trytes.ToCharArray();
        written.AsSpan(ValueAt, ValueLength).Fill('9');
        return new string(written);
    }

    private static string ValueTrytes(long value)
    {
        var trits = new sbyte[ValueLength * 3];
        var rest = new BigInteger(value);
        for (var i = 0; i < trits.Length && !rest.IsZero; i++)
        {
            var remainder = (int)(((rest % 3) + 3) % 3);
            var trit = remainder == 2 ? -1 : remainder;
            trits[i] = (sbyte)trit;
            rest = (rest - trit) / 3;
        }
        return Trytes.FromTrits(trits);
    }
}
