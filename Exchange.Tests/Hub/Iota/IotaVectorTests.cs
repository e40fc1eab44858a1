using System.Text.Json;
using Exchange.Hub.Iota;
using Exchange.Tests.Infrastructure;
using Org.BouncyCastle.Crypto.Digests;

namespace Exchange.Tests.Hub.Iota;

/// <summary>Every vector in Fixtures/iota-vectors.json.</summary>
[Fast]
public class IotaVectorTests
{
    private static readonly JsonElement Vectors = Fixtures.Json("iota-vectors.json").RootElement;

    private static IEnumerable<JsonElement> Cases(string name) => Vectors.GetProperty(name).EnumerateArray();
    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Fact]
    public void Every_tryte_has_the_trits_of_the_table()
    {
        foreach (var row in Cases("tryteTable"))
        {
            var tryte = S(row, "tryte");
            var trits = row.GetProperty("trits").EnumerateArray().Select(t => (sbyte)t.GetInt32()).ToArray();
            Assert.Equal(trits, Trytes.ToTrits(tryte));
            Assert.Equal(tryte, Trytes.FromTrits(trits));
        }
    }

    [Fact]
    public void Keccak384_is_the_original_keccak_not_sha3()
    {
        foreach (var row in Cases("keccak384"))
        {
            var input = System.Text.Encoding.UTF8.GetBytes(S(row, "inputUtf8"));
            var digest = new KeccakDigest(384);
            digest.BlockUpdate(input, 0, input.Length);
            var output = new byte[48];
            digest.DoFinal(output, 0);
            Assert.Equal(S(row, "digestHex"), Convert.ToHexStringLower(output));
        }
    }

    [Fact]
    public void Kerl_hashes_every_vector()
    {
        foreach (var row in Cases("kerl"))
            Assert.Equal(S(row, "output"), Hash(S(row, "input"), S(row, "output").Length));
    }

    [Fact]
    public void Kerl_squeezes_repeatedly_from_the_inverted_raw_digest()
    {
        foreach (var row in Cases("kerlMultiSqueeze"))
        {
            var squeezes = row.GetProperty("squeezes").EnumerateArray().Select(s => s.GetString()!).ToArray();
            var kerl = new Kerl();
            kerl.Absorb(Trytes.ToTrits(S(row, "input")));
            foreach (var expected in squeezes)
                Assert.Equal(expected, Trytes.FromTrits(kerl.Squeeze()));
        }
    }

    [Fact]
    public void Kerl_turns_trits_into_bytes_and_back_as_the_vectors_say()
    {
        foreach (var row in Cases("trytesToBytes"))
            Assert.Equal(S(row, "bytesHex").ToLowerInvariant(), Convert.ToHexStringLower(Kerl.TritsToBytes(Trytes.ToTrits(S(row, "trytes")))));
        foreach (var row in Cases("bytesToTrytes"))
            Assert.Equal(S(row, "trytes"), Trytes.FromTrits(Kerl.BytesToTrits(Convert.FromHexString(S(row, "bytesHex")))));
        foreach (var row in Cases("bytesZeroLastTrit"))
            Assert.Equal(S(row, "outHex").ToLowerInvariant(),
                Convert.ToHexStringLower(Kerl.TritsToBytes(Kerl.BytesToTrits(Convert.FromHexString(S(row, "inHex"))))));
        foreach (var row in Cases("tritsBytesRoundTrip"))
        {
            var trits = Trytes.ToTrits(S(row, "trytes"));
            trits[242] = 0;
            Assert.Equal(trits, Kerl.BytesToTrits(Kerl.TritsToBytes(trits)));
        }
    }

    // Byte-level Kerl (iota.go): raw Keccak blocks, each normalised to a zero 243rd trit; the
    // sponge continues from the inverted raw block.
    [Fact]
    public void Kerl_byte_blocks_are_keccak_blocks_normalised_to_a_zero_last_trit()
    {
        foreach (var row in Cases("kerlBytes"))
        {
            var input = Convert.FromHexString(S(row, "inputHex"));
            var expected = S(row, "outputHex").ToLowerInvariant();
            var keccak = new KeccakDigest(384);
            keccak.BlockUpdate(input, 0, input.Length);
            var output = "";
            while (output.Length < expected.Length)
            {
                var block = new byte[48];
                keccak.DoFinal(block, 0);
                output += Convert.ToHexStringLower(Kerl.TritsToBytes(Kerl.BytesToTrits(block)));
                var inverted = block.Select(b => (byte)~b).ToArray();
                keccak.BlockUpdate(inverted, 0, inverted.Length);
            }
            Assert.Equal(expected, output[..expected.Length]);
        }
    }

    [Fact]
    public void Checksums_match_every_vector()
    {
        foreach (var row in Cases("checksum"))
        {
            var address = S(row, "address")[..81];
            Assert.Equal(S(row, "withChecksum"), AddressChecksum.Add(address));
            Assert.True(AddressChecksum.IsValid(S(row, "withChecksum")));
        }
    }

    [Fact]
    public void Wrong_checksums_are_refused()
    {
        foreach (var row in Cases("invalidChecksum"))
        {
            Assert.False(AddressChecksum.IsValid(S(row, "withChecksum")));
            if (row.TryGetProperty("correctWithChecksum", out var correct) && correct.ValueKind == JsonValueKind.String)
                Assert.True(AddressChecksum.IsValid(correct.GetString()!));
        }
    }

    [Fact]
    public void Addresses_get_the_verdict_of_every_vector()
    {
        foreach (var row in Cases("addresses"))
        {
            var check = AddressRules.Check(S(row, "value"), row.GetProperty("requireChecksum").GetBoolean());
            var expected = S(row, "verdict") switch
            {
                "Ok" => AddressProblem.None,
                "LastTritNotZero" => AddressProblem.BadLastTryte,
                "ChecksumMissing" => AddressProblem.ChecksumMissing,
                "BadLength" => AddressProblem.WrongLength,
                "BadCharacters" => AddressProblem.BadCharacter,
                "BadChecksum" => AddressProblem.BadChecksum,
                var other => throw new InvalidOperationException($"Unknown verdict {other}"),
            };
            Assert.True(expected == check.Problem, $"{S(row, "value")}: expected {expected}, got {check.Problem} ({check.Message})");
            Assert.Equal(S(row, "expect") == "valid", check.IsValid);
        }
    }

    [Fact]
    public void An_alias_that_differs_only_in_the_ignored_trit_has_the_same_checksum_but_fails_the_last_tryte_rule()
    {
        foreach (var row in Cases("lastTritAliasing"))
        {
            Assert.Equal(S(row, "checksum"), AddressChecksum.Compute(S(row, "address")));
            Assert.Equal(S(row, "checksum"), AddressChecksum.Compute(S(row, "alias")));
            Assert.Equal(AddressProblem.BadLastTryte, AddressRules.Check(S(row, "alias") + S(row, "checksum")).Problem);
        }
    }

    [Fact]
    public void Tags_are_checked_and_padded_as_the_vectors_say()
    {
        foreach (var row in Cases("tags"))
        {
            var check = TagRules.Check(S(row, "value"));
            Assert.Equal(S(row, "expect") == "valid", check.IsValid);
            if (row.TryGetProperty("padded", out var padded) && padded.ValueKind == JsonValueKind.String)
                Assert.Equal(padded.GetString(), check.Padded);
        }
    }

    [Fact]
    public void Units_and_supply_match()
    {
        var units = Vectors.GetProperty("units");
        foreach (var unit in new[] { "i", "Ki", "Mi", "Gi", "Ti", "Pi" })
            Assert.Equal(units.GetProperty(unit).GetInt64(), IotaUnits.PerUnit(unit));
        Assert.Equal(IotaUnits.MaxSupply, units.GetProperty("totalSupply_i").GetInt64());
    }

    [Theory]
    [InlineData("", AddressProblem.Empty, "Enter an IOTA address.")]
    [InlineData("iota://FJHSSHBZTAKQNDTIKJYCZBOZDGSZANCZSWCNWUOCZXFADNOQSYAHEJPXRLOVPNOQFQXXGEGVDGICLMOXXCHLTDDASB/?timeout_at=1", AddressProblem.IotaLink,
        "iota:// links are not accepted; paste the 90-character address only.")]
    [InlineData("FJHSSHBZTAKQNDTIKJYCZBOZDGSZANCZSWCNWUOCZXFADNOQSYAHEJPXRLOVPNOQFQXXGEGVDGICLMOXXCHLTDDAS", AddressProblem.WrongLength,
        "An IOTA address has 90 characters (81 + 9 checksum); this one has 89.")]
    [InlineData("FJHSSHBZTAKQNDTIKJYCZBOZDGSZANCZSWCNWUOCZXFADNOQSYAHEJPXRLOVPNOQFQXXGEGVDGICLMOXXCHLTDDASb", AddressProblem.BadCharacter,
        "Character 'b' at position 90 is not a tryte: an IOTA address has only A-Z and 9.")]
    [InlineData("FJHSSHBZTAKQNDTIKJYCZBOZDGSZANCZSWCNWUOCZXFADNOQSYAHEJPXRLOVPNOQFQXXGEGVDGICLMOXXCHLTDDASA", AddressProblem.BadChecksum,
        "The checksum does not match: check the address for typos.")]
    public void A_bad_address_gets_a_message_that_says_what_is_wrong(string input, AddressProblem problem, string message)
    {
        var check = AddressRules.Check(input);
        Assert.Equal((problem, message), (check.Problem, check.Message));
    }

    [Fact]
    public void Surrounding_white_space_is_trimmed_and_both_forms_come_back()
    {
        const string address = "FJHSSHBZTAKQNDTIKJYCZBOZDGSZANCZSWCNWUOCZXFADNOQSYAHEJPXRLOVPNOQFQXXGEGVDGICLMOXXCHLTDDASB";
        var check = AddressRules.Check($"  {address}\n");
        Assert.True(check.IsValid);
        Assert.Equal((address[..81], address), (check.Address81, check.Address90));
    }

    private static string Hash(string input, int outputLength)
    {
        var kerl = new Kerl();
        kerl.Absorb(Trytes.ToTrits(input));
        var output = "";
        while (output.Length < outputLength) output += Trytes.FromTrits(kerl.Squeeze());
        return output;
    }
}
