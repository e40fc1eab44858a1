using System.Numerics;
using System.Security.Cryptography;

namespace Exchange.Core.Addresses;

/// <summary>
/// Format checks for Bitcoin mainnet addresses: Base58Check (1..., 3...) and Bech32/Bech32m
/// (bc1...). The demo exchange never pays BTC out; the check still tells a user a mistyped address.
/// </summary>
public static class BitcoinAddressRules
{
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const string Bech32Alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    /// <summary>Null when the address is well formed, else why not.</summary>
    public static string? Problem(string? input)
    {
        var address = input?.Trim() ?? "";
        if (address.Length == 0) return "Enter a Bitcoin address.";
        if (address.StartsWith("bc1", StringComparison.OrdinalIgnoreCase)) return Bech32Problem(address);
        if (address[0] is '1' or '3') return Base58Problem(address);
        return "A Bitcoin address starts with 1, 3 or bc1.";
    }

    private static string? Base58Problem(string address)
    {
        if (address.Length is < 26 or > 35) return $"A Bitcoin address starting with {address[0]} has 26 to 35 characters; this one has {address.Length}.";
        var bad = address.FirstOrDefault(c => !Base58Alphabet.Contains(c));
        if (bad != default) return $"'{bad}' cannot appear in a Bitcoin address.";

        var value = address.Aggregate(BigInteger.Zero, (n, c) => n * 58 + Base58Alphabet.IndexOf(c));
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var decoded = new byte[address.TakeWhile(c => c == '1').Count()].Concat(bytes).ToArray();
        if (decoded.Length != 25) return "The Bitcoin address has the wrong length once decoded.";
        var checksum = SHA256.HashData(SHA256.HashData(decoded.AsSpan(0, 21)));
        return checksum.AsSpan(0, 4).SequenceEqual(decoded.AsSpan(21)) ? null : "The Bitcoin address's checksum does not match: check it for typos.";
    }

    private static string? Bech32Problem(string address)
    {
        if (address != address.ToLowerInvariant() && address != address.ToUpperInvariant()) return "A bc1 address is all lower case or all upper case, not mixed.";
        address = address.ToLowerInvariant();
        if (address.Length is not (42 or 62)) return $"A bc1 address has 42 or 62 characters; this one has {address.Length}.";
        var data = address[3..];
        var bad = data.FirstOrDefault(c => !Bech32Alphabet.Contains(c));
        if (bad != default) return $"'{bad}' cannot appear in a bc1 address.";

        var values = new List<int> { 3, 3, 0, 2, 3 }; // "bc" expanded
        values.AddRange(data.Select(c => Bech32Alphabet.IndexOf(c)));
        var polymod = Polymod(values);
        return polymod is 1 or 0x2bc830a3 ? null : "The bc1 address's checksum does not match: check it for typos.";
    }

    private static int Polymod(IEnumerable<int> values)
    {
        int[] generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
        var chk = 1;
        foreach (var value in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ value;
            for (var i = 0; i < 5; i++)
                if (((top >> i) & 1) == 1) chk ^= generator[i];
        }
        return chk;
    }
}
