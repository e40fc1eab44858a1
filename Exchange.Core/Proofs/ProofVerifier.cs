using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using static Exchange.Core.Proofs.ProofJson;

namespace Exchange.Core.Proofs;

/// <summary>One check of a proof, named as docs/proof-of-liabilities.md names it, with what it found.</summary>
public sealed record VerificationStep(string Name, bool Passed, string Detail);

/// <summary>The user's leaf as the proof gives it: position and balances in the manifest's coin order.</summary>
public sealed record ProofLeaf(long Index, IReadOnlyList<ulong> Balances);

/// <summary>Every check made, in order; the first that failed is the reason, and nothing after it was checked.</summary>
public sealed record ProofVerification(IReadOnlyList<VerificationStep> Steps, ProofManifest? Manifest, ProofLeaf? Leaf)
{
    public bool Accepted => Steps.Count > 0 && Steps.All(s => s.Passed);

    public string? Reason => Steps.FirstOrDefault(s => !s.Passed) is { } failed ? $"{failed.Name}: {failed.Detail}" : null;
}

/// <summary>
/// Checks a user's proof of inclusion offline: the manifest's signature, the leaf (against the
/// balances the user expects), every level up to the root, the root and the totals against the
/// signed manifest. Needs no database: the proof file and, ideally, the exchange's published key.
/// </summary>
public static class ProofVerifier
{
    public static ProofVerification Verify(string proof, IReadOnlyDictionary<string, ulong>? expected = null, string? trustedPublicKeyPem = null) =>
        new Check(expected, trustedPublicKeyPem).Run(proof);

    private sealed class Check(IReadOnlyDictionary<string, ulong>? expected, string? trustedKey)
    {
        private readonly List<VerificationStep> steps = [];
        private ProofManifest? manifest;
        private ProofLeaf? leaf;

        public ProofVerification Run(string proof)
        {
            try
            {
                using var document = JsonDocument.Parse(proof);
                Walk(document.RootElement);
            }
            catch (JsonException e)
            {
                Fail("Proof file", $"not JSON: {e.Message}");
            }
            return new ProofVerification(steps, manifest, leaf);
        }

        private void Walk(JsonElement proof)
        {
            if (!Read(proof, out var manifestText, out var signature, out var embeddedKey, out var key, out var path)) return;
            if (!ReadManifest(manifestText) || !CheckSignature(manifestText, signature, embeddedKey)) return;
            if (!ReadLeaf(proof.GetProperty("leaf"), path.Count, out var balances) || !CheckExpected(balances)) return;
            var hash = new byte[ProofHashing.HashSize];
            ProofHashing.LeafHash(key, manifest!.SnapshotId, leaf!.Index, balances, hash);
            Pass("Leaf hash", $"HMAC-SHA256 with the leaf's key: {Convert.ToHexStringLower(hash)}");
            var sums = balances;
            var index = leaf.Index;
            for (var level = 0; level < path.Count; level++, index >>= 1)
                if (!Climb(level, path[level], index, ref hash, ref sums)) return;
            var root = Convert.ToHexStringLower(hash);
            if (root != manifest.Root)
            {
                Fail("Root", $"the path leads to {root}; the signed manifest's root is {manifest.Root}.");
                return;
            }
            Pass("Root", $"{root}, the signed manifest's root.");
            CheckTotals(sums);
        }

        private bool Read(JsonElement proof, out string manifestText, out byte[] signature, out string embeddedKey, out byte[] key, out List<JsonElement> path)
        {
            (manifestText, signature, embeddedKey, key, path) = ("", [], "", [], []);
            try
            {
                if (Text(proof, "scheme", "The proof") != ProofHashing.Scheme)
                    return Fail("Proof file", $"its scheme is '{Text(proof, "scheme", "The proof")}'; this verifier knows {ProofHashing.Scheme}.");
                manifestText = Text(proof, "manifest", "The proof");
                signature = Convert.FromBase64String(Text(proof, "signature", "The proof"));
                embeddedKey = Text(proof, "publicKey", "The proof");
                key = Hex(Member(proof, "leaf", JsonValueKind.Object, "The proof"), "key", ProofHashing.KeySize, "The leaf");
                path = [.. Member(proof, "path", JsonValueKind.Array, "The proof").EnumerateArray()];
                return Pass("Proof file", $"a proof with a leaf and {path.Count} level(s) of path.");
            }
            catch (FormatException e)
            {
                return Fail("Proof file", e.Message);
            }
        }

        private bool ReadManifest(string text)
        {
            try
            {
                manifest = ProofManifest.Parse(text);
            }
            catch (FormatException e)
            {
                return Fail("Manifest", e.Message);
            }
            return Pass("Manifest", $"snapshot {manifest.SnapshotId} taken {manifest.TakenAt:yyyy-MM-ddTHH:mm:ssZ}: {manifest.LeafCount} leaves (depth {manifest.Depth}), " +
                $"coins {string.Join(", ", manifest.Coins.Select(c => c.Symbol))}.");
        }

        private bool CheckSignature(string manifestText, byte[] signature, string embeddedKey)
        {
            using var key = ECDsa.Create();
            try
            {
                key.ImportFromPem(trustedKey ?? embeddedKey);
                if (key.ExportParameters(false).Curve.Oid?.Value != "1.2.840.10045.3.1.7") return Fail("Signature", "the public key is not a P-256 key.");
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                return Fail("Signature", $"the {(trustedKey is null ? "proof's" : "given")} public key is not an EC key in PEM: {e.Message}");
            }
            var whose = trustedKey is null
                ? "the key in the proof file; compare its fingerprint with the one the exchange publishes"
                : "the key you gave";
            var fingerprint = ProofPublicKey.Of(key).Fingerprint;
            return key.VerifyData(Encoding.UTF8.GetBytes(manifestText), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
                ? Pass("Signature", $"ECDSA P-256 over the manifest, valid for {whose} (fingerprint {fingerprint}).")
                : Fail("Signature", $"not a valid signature of this manifest by {whose} (fingerprint {fingerprint}).");
        }

        private bool ReadLeaf(JsonElement element, int levels, out ulong[] balances)
        {
            balances = [];
            try
            {
                var index = Whole(element, "index", "The leaf");
                if (index >= manifest!.LeafCount) return Fail("Leaf", $"its index {index} is outside the tree's {manifest.LeafCount} leaves.");
                if (levels != manifest.Depth) return Fail("Leaf", $"its path has {levels} level(s); the signed tree is {manifest.Depth} levels deep.");
                balances = ProofJson.Amounts(element, "balances", manifest.Coins.Count, "The leaf");
                leaf = new ProofLeaf(index, balances);
                return Pass("Leaf", $"index {index}, balances {Describe(balances)}.");
            }
            catch (FormatException e)
            {
                return Fail("Leaf", e.Message);
            }
        }

        private bool CheckExpected(ulong[] balances)
        {
            if (expected is null || expected.Count == 0) return Pass("Expected balances", "not checked: no expected balances were given.");
            var coins = manifest!.Coins.Select(c => c.Symbol).ToList();
            foreach (var (symbol, amount) in expected)
            {
                var coin = coins.IndexOf(symbol);
                if (coin < 0) return Fail("Expected balances", $"the snapshot has no coin {symbol}; its coins are {string.Join(", ", coins)}.");
                if (balances[coin] != amount) return Fail("Expected balances", $"{symbol}: the leaf holds {balances[coin]} base units, you expected {amount}.");
            }
            return Pass("Expected balances", $"{string.Join(", ", expected.Select(e => $"{e.Key} {e.Value}"))}, as expected.");
        }

        private bool Climb(int level, JsonElement step, long index, ref byte[] hash, ref ulong[] sums)
        {
            var name = $"Level {level + 1}";
            byte[] sibling;
            try
            {
                sibling = Hex(step, "hash", ProofHashing.HashSize, $"The path's level {level + 1}");
            }
            catch (FormatException e)
            {
                return Fail(name, e.Message);
            }
            var siblingSums = new ulong[sums.Length];
            var array = step.TryGetProperty("sums", out var s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().ToList() : [];
            if (array.Count != sums.Length) return Fail(name, $"the sibling has {array.Count} sum(s); the manifest lists {sums.Length} coin(s).");
            for (var coin = 0; coin < sums.Length; coin++)
            {
                if (Amount(array[coin], $"the sibling's {manifest!.Coins[coin].Symbol} sum", out var problem) is not { } amount) return Fail(name, problem!);
                siblingSums[coin] = amount;
            }
            var parent = new ulong[sums.Length];
            if (!ProofHashing.TryAdd(sums, siblingSums, parent))
                return Fail(name, $"a sum overflows 64 bits: {Describe(sums)} plus the sibling's {Describe(siblingSums)}.");
            var next = new byte[ProofHashing.HashSize];
            var onLeft = (index & 1) == 0;
            if (onLeft) ProofHashing.NodeHash(hash, sums, sibling, siblingSums, next);
            else ProofHashing.NodeHash(sibling, siblingSums, hash, sums, next);
            (hash, sums) = (next, parent);
            return Pass(name, $"sibling on the {(onLeft ? "right" : "left")}: node {index >> 1} is {Convert.ToHexStringLower(next)} with sums {Describe(parent)}.");
        }

        private bool CheckTotals(ulong[] sums)
        {
            for (var coin = 0; coin < sums.Length; coin++)
                if (sums[coin] != manifest!.Coins[coin].Total)
                    return Fail("Totals", $"the root's {manifest.Coins[coin].Symbol} sum is {sums[coin]}; the signed manifest says {manifest.Coins[coin].Total}.");
            return Pass("Totals", $"the root's sums equal the signed manifest's totals: {Describe(sums)}.");
        }

        private string Describe(IReadOnlyList<ulong> amounts) => string.Join(", ", amounts.Select((a, i) => $"{manifest!.Coins[i].Symbol} {a}"));

        private bool Pass(string name, string detail)
        {
            steps.Add(new VerificationStep(name, true, detail));
            return true;
        }

        private bool Fail(string name, string detail)
        {
            steps.Add(new VerificationStep(name, false, detail));
            return false;
        }
    }
}
