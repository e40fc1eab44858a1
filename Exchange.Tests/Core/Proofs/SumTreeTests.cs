using System.Security.Cryptography;
using CsCheck;
using Exchange.Core.Proofs;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Core.Proofs;

/// <summary>The tree's rules on any input: sums in every hash, no overflow, padding that hides the user count, a new order every snapshot.</summary>
[Fast]
public class SumTreeTests
{
    private const long SnapshotId = 3;

    [Fact]
    public void Both_childrens_sums_are_hashed_so_another_split_of_the_same_total_makes_another_parent()
    {
        // Maxwell's first tree hashed only the total: an exchange could show each child a sibling sum of its choosing.
        var even = Parent(30, 70);
        var shifted = Parent(40, 60);

        Assert.Equal(even.RootSums.ToArray(), shifted.RootSums.ToArray());
        Assert.NotEqual(even.RootHash.ToArray(), shifted.RootHash.ToArray());
    }

    [Fact]
    public void Sums_beyond_64_bits_stop_the_build_instead_of_wrapping()
    {
        var failure = Assert.Throws<OverflowException>(() => SumTree.Over(new byte[64], [ulong.MaxValue, 1], 1));

        Assert.Contains("more than 2^64 - 1", failure.Message);
    }

    [Fact]
    public void A_user_owing_money_in_any_coin_is_left_out_not_netted_and_counted()
    {
        var members = new MemberBalances(2);

        members.Add("owes-btc", 1, Nonce(), [-1, 0], [0, 500]);
        members.Add("holds", 2, Nonce(), [5, 0], [0, 7]);

        Assert.Equal((1, 1), (members.Count, members.Owing));
        Assert.Equal([5ul, 7ul], members.Balances(0).ToArray());
    }

    [Fact]
    public void Any_number_of_users_is_padded_to_a_power_of_two_with_empty_leaves_and_every_users_proof_verifies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var users = Gen.Select(Gen.ULong[0, 1_000_000_000_000], Gen.ULong[0, 1_000_000_000_000], (btc, miota) => (btc, miota)).Array[0, 70];

        users.Sample(balances =>
        {
            var members = Members(balances);
            var built = LiabilityTree.Build(SnapshotId, members, LeafLayout.Random(balances.Length));
            var tree = built.Tree;

            var width = 2;
            while (width < balances.Length) width *= 2;
            Assert.Equal(width, tree.Width(0));
            Assert.Equal([(ulong)balances.Sum(b => (decimal)b.btc), (ulong)balances.Sum(b => (decimal)b.miota)], tree.RootSums.ToArray());
            var userLeaves = built.LeafOfMember.ToHashSet();
            Assert.Equal(balances.Length, userLeaves.Count);
            for (var leaf = 0; leaf < tree.Width(0); leaf++)
                if (!userLeaves.Contains(leaf)) Assert.Equal([0ul, 0ul], tree.Sums(0, leaf).ToArray());
            var (manifest, signature) = Signed(tree, key);
            for (var member = 0; member < balances.Length; member++)
            {
                var verification = ProofVerifier.Verify(ProofOf(members, built, member, manifest, signature, key), new Dictionary<string, ulong> { ["BTC"] = balances[member].btc, ["MIOTA"] = balances[member].miota },
                    key.ExportSubjectPublicKeyInfoPem());
                Assert.True(verification.Accepted, verification.Reason);
            }
        }, iter: 25);
    }

    [Fact]
    public void Each_snapshot_puts_the_users_in_a_new_random_order()
    {
        var seen = new int[8];

        for (var snapshot = 0; snapshot < 1600; snapshot++)
        {
            var layout = LeafLayout.Random(8);
            seen[Enumerable.Range(0, 8).Single(leaf => layout.MemberAt(leaf) == 0)]++;
        }

        // 200 expected at each position; 100 is more than seven standard deviations below.
        Assert.All(seen, count => Assert.InRange(count, 100, 300));
    }

    [Fact]
    public void Padding_leaves_get_new_random_keys_every_snapshot()
    {
        var members = Members([(0, 0), (1, 2), (3, 4)]);
        var paddingHashes = new Dictionary<int, HashSet<string>>();

        for (var snapshot = 0; snapshot < 40; snapshot++)
        {
            var built = LiabilityTree.Build(SnapshotId, members, LeafLayout.Random(3));
            var padding = Enumerable.Range(0, 4).Single(leaf => !built.LeafOfMember.Contains(leaf));
            var hash = Convert.ToHexString(built.Tree.Hash(0, padding));
            Assert.True((paddingHashes.TryGetValue(padding, out var hashes) ? hashes : paddingHashes[padding] = []).Add(hash), "a padding leaf repeated");
        }
    }

    private static SumTree Parent(ulong left, ulong right) => SumTree.Over(new byte[64], [left, right], 1);

    private static string Nonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(ProofHashing.NonceSize));

    private static MemberBalances Members(IReadOnlyList<(ulong Btc, ulong Miota)> balances)
    {
        var members = new MemberBalances(2);
        for (var member = 0; member < balances.Count; member++)
            members.Add($"user-{member}", member + 1, Nonce(), [(long)balances[member].Btc, (long)balances[member].Miota], [0, 0]);
        return members;
    }

    private static (string Manifest, string Signature) Signed(SumTree tree, ECDsa key)
    {
        var manifest = new ProofManifest(SnapshotId, new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc), 1,
            [new ManifestCoin("BTC", 8, tree.RootSums[0]), new ManifestCoin("MIOTA", 6, tree.RootSums[1])], tree.Width(0), tree.Height,
            Convert.ToHexStringLower(tree.RootHash), new ManifestReserves("MIOTA", null, null)).ToJson();
        return (manifest, Convert.ToBase64String(key.SignData(System.Text.Encoding.UTF8.GetBytes(manifest), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)));
    }

    private static string ProofOf(MemberBalances members, BuiltTree built, int member, string manifest, string signature, ECDsa key)
    {
        var leafKey = new byte[ProofHashing.KeySize];
        ProofHashing.LeafKey(members.Nonce(member), SnapshotId, leafKey);
        var leaf = built.LeafOfMember[member];
        return InclusionProof.Write(manifest, signature, key.ExportSubjectPublicKeyInfoPem(), leaf, leafKey, members.Balances(member), built.Tree.Path(leaf));
    }
}
