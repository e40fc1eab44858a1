using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Exchange.Hub.Iota;

namespace Exchange.Hub.Emulator.State;

/// <summary>
/// A sweep bundle's transaction trytes (2673 random trytes each), derived on demand from a seed:
/// the same every time they are asked for, and nothing held for a sweep of a million deposits. The
/// fields a client reads to see where value went are real: each withdrawal's output (its payout
/// address, amount and tag) comes just before the last transaction (the hub's remainder), as in
/// Hub's bundles, and every other transaction moves nothing.
/// </summary>
public sealed record BundleTrytes(string Seed, int Count)
{
    public const int TransactionLength = 2673;

    public static BundleTrytes New(int count) => new(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), count);

    public IEnumerable<string> All(IReadOnlyList<WithdrawalRow> paid)
    {
        var firstOutput = Count - 1 - paid.Count;
        for (var i = 0; i < Count; i++)
        {
            var output = i - firstOutput;
            yield return output >= 0 && i < Count - 1 ? Output(paid[output]).WriteInto(Transaction(i)) : BundleTransaction.WithoutValue(Transaction(i));
        }
    }

    private static BundleTransaction Output(WithdrawalRow withdrawal) => new(withdrawal.PayoutAddress, withdrawal.Amount, withdrawal.Tag);

    private string Transaction(int index)
    {
        var seed = Encoding.ASCII.GetBytes(Seed);
        var input = new byte[seed.Length + 8];
        seed.CopyTo(input, 0);
        BinaryPrimitives.WriteInt32LittleEndian(input.AsSpan(seed.Length), index);
        Span<byte> block = stackalloc byte[32];
        var trytes = new char[TransactionLength];
        for (var at = 0; at < TransactionLength; at += block.Length)
        {
            BinaryPrimitives.WriteInt32LittleEndian(input.AsSpan(seed.Length + 4), at);
            SHA256.HashData(input, block);
            for (var j = 0; j < block.Length && at + j < TransactionLength; j++)
                trytes[at + j] = Trytes.Alphabet[block[j] % Trytes.Alphabet.Length];
        }
        return new string(trytes);
    }
}
