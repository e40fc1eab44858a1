using System.Security.Cryptography;
using Exchange.Hub.Iota;

namespace Exchange.Hub.Emulator;

/// <summary>Random values of the shapes Hub produces.</summary>
internal static class TryteValues
{
    private const string ValidLast = AddressRules.ValidLastTrytes;
    private const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>Uniform random trytes from one read of the system's random source (bytes of 243 and above are drawn again, so each tryte is equally likely).</summary>
    public static string Random(int length) => string.Create(length, 0, static (trytes, _) =>
    {
        Span<byte> bytes = stackalloc byte[Math.Min(trytes.Length + 16, 4096)];
        var filled = 0;
        while (filled < trytes.Length)
        {
            RandomNumberGenerator.Fill(bytes);
            foreach (var b in bytes)
            {
                if (b >= 243) continue;
                trytes[filled++] = Trytes.Alphabet[b % 27];
                if (filled == trytes.Length) break;
            }
        }
    });

    /// <summary>81 trytes ending in a tryte whose last trit is 0, like every Kerl output.</summary>
    public static string Hash() => Random(80) + ValidLast[RandomNumberGenerator.GetInt32(ValidLast.Length)];

    /// <summary>A tail hash: the proof of work leaves at least nine zero trits at the end.</summary>
    public static string TailHash() => Random(78) + "999";

    public static string SeedUuid() => RandomNumberGenerator.GetString(Base64, 64);

    public static string WithdrawalUuid() => Guid.NewGuid().ToString("D");
}
