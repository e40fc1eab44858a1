using System.Security.Cryptography;
using Exchange.Hub.Iota;

namespace Exchange.Hub.Emulator;

/// <summary>Random values of the shapes Hub produces.</summary>
internal static class TryteValues
{
    private const string ValidLast = AddressRules.ValidLastTrytes;
    private const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static string Random(int length) => RandomNumberGenerator.GetString(Trytes.Alphabet, length);

    /// <summary>81 trytes ending in a tryte whose last trit is 0, like every Kerl output.</summary>
    public static string Hash() => Random(80) + ValidLast[RandomNumberGenerator.GetInt32(ValidLast.Length)];

    /// <summary>A tail hash: the proof of work leaves at least nine zero trits at the end.</summary>
    public static string TailHash() => Random(78) + "999";

    public static string SeedUuid() => RandomNumberGenerator.GetString(Base64, 64);

    public static string WithdrawalUuid() => Guid.NewGuid().ToString("D");
}
