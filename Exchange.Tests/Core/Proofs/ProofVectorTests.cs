using Exchange.Core.Proofs;
using Exchange.Tests.Infrastructure;
using static Exchange.Tests.Core.Proofs.ProofVectors;

namespace Exchange.Tests.Core.Proofs;

/// <summary>
/// The fixed tree of the test vectors: Core's builder makes it again from its inputs, Core's
/// verifier accepts every user's proof and rejects every mutation at the step the vectors name.
/// </summary>
[Fast]
public class ProofVectorTests
{
    private const long SnapshotId = 7;

    public static TheoryData<string> UserNames => [.. Users];

    public static TheoryData<string> MutationNames => [.. Mutations.Select(m => m.Name)];

    [Fact]
    public void The_builder_makes_every_leaf_level_and_the_root_of_the_vectors_from_their_inputs()
    {
        var built = Build();

        foreach (var name in Users)
        {
            var leaf = User(name).GetProperty("leafIndex").GetInt32();
            Assert.Equal(Hex(User(name), "leafHash"), built.Tree.Hash(0, leaf).ToArray());
        }
        var levels = Vectors.GetProperty("levels").EnumerateArray().ToList();
        Assert.Equal(built.Tree.Height + 1, levels.Count);
        for (var level = 0; level < levels.Count; level++)
            for (var node = 0; node < built.Tree.Width(level); node++)
            {
                Assert.Equal(Hex(levels[level][node], "hash"), built.Tree.Hash(level, node).ToArray());
                Assert.Equal(levels[level][node].GetProperty("sums").EnumerateArray().Select(s => ulong.Parse(s.GetString()!)), built.Tree.Sums(level, node).ToArray());
            }
        Assert.Equal(Hex(Vectors, "root"), built.Tree.RootHash.ToArray());
    }

    [Theory]
    [MemberData(nameof(UserNames))]
    public void Each_users_key_and_proof_file_are_what_the_exchange_hands_out(string name)
    {
        var built = Build();
        var member = Users.ToList().IndexOf(name);
        var key = new byte[ProofHashing.KeySize];
        ProofHashing.LeafKey(Hex(User(name), "nonce"), SnapshotId, key);
        var leaf = built.LeafOfMember[member];

        var proof = InclusionProof.Write(Vectors.GetProperty("manifest").GetString()!, Vectors.GetProperty("signature").GetString()!,
            Vectors.GetProperty("publicKey").GetString()!, leaf, key, [.. BalancesOf(User(name)).Values], built.Tree.Path(leaf));

        Assert.Equal(Hex(User(name), "leafKey"), key);
        Assert.Equal(Proof(name), proof);
    }

    [Fact]
    public void The_manifest_written_again_is_byte_for_byte_the_signed_text()
    {
        var signed = Vectors.GetProperty("manifest").GetString()!;

        Assert.Equal(signed, ProofManifest.Parse(signed).ToJson());
    }

    [Theory]
    [MemberData(nameof(UserNames))]
    public void The_verifier_accepts_each_users_proof_with_their_balances_and_the_published_key(string name)
    {
        var verification = ProofVerifier.Verify(Proof(name), BalancesOf(User(name)), PublicKey);

        Assert.True(verification.Accepted, verification.Reason);
        Assert.Equal(["Proof file", "Manifest", "Signature", "Leaf", "Expected balances", "Leaf hash", "Level 1", "Level 2", "Level 3", "Root", "Totals"],
            verification.Steps.Select(s => s.Name));
        Assert.Contains(Vectors.GetProperty("publicKeyFingerprint").GetString()!, verification.Steps[2].Detail);
    }

    [Theory]
    [MemberData(nameof(MutationNames))]
    public void The_verifier_rejects_each_mutation_at_its_step(string name)
    {
        var mutation = MutationNamed(name);
        Assert.True(ProofVerifier.Verify(Proof(mutation.Base), mutation.Expected is null ? null : BalancesOf(User(mutation.Base)), PublicKey).Accepted,
            "the mutation's base proof is accepted");

        var verification = ProofVerifier.Verify(mutation.Proof, mutation.Expected, PublicKey);

        Assert.False(verification.Accepted);
        var failed = verification.Steps[^1];
        Assert.Equal((mutation.RejectedAt, false), (failed.Name, failed.Passed));
        Assert.All(verification.Steps.SkipLast(1), step => Assert.True(step.Passed));
    }

    [Fact]
    public void Without_the_published_key_the_verifier_uses_the_proofs_own_and_says_to_compare_its_fingerprint()
    {
        var forged = MutationNamed("signed-by-another-key");

        var verification = ProofVerifier.Verify(forged.Proof);

        Assert.True(verification.Accepted, verification.Reason);
        var signature = verification.Steps.Single(s => s.Name == "Signature").Detail;
        Assert.Contains("compare its fingerprint with the one the exchange publishes", signature);
        Assert.DoesNotContain(Vectors.GetProperty("publicKeyFingerprint").GetString()!, signature);
    }

    [Fact]
    public void A_file_that_is_no_proof_is_rejected_at_the_first_step()
    {
        Assert.Equal("Proof file", ProofVerifier.Verify("{\"scheme\":\"exchange-pol-v1\"}").Steps.Single().Name);
        Assert.StartsWith("Proof file: not JSON", ProofVerifier.Verify("not json").Reason);
    }

    private static BuiltTree Build()
    {
        var members = new MemberBalances(2);
        foreach (var name in Users)
        {
            var balances = BalancesOf(User(name));
            members.Add(name, Users.ToList().IndexOf(name) + 1, User(name).GetProperty("nonce").GetString(), [(long)balances["BTC"], (long)balances["MIOTA"]], [0, 0]);
        }
        var order = Vectors.GetProperty("leafOrder").EnumerateArray().Select(n => n.GetString() == "padding" ? -1 : Users.ToList().IndexOf(n.GetString()!)).ToList();
        var padding = Vectors.GetProperty("padding").EnumerateArray().ToDictionary(p => p.GetProperty("leafIndex").GetInt32(), p => Hex(p, "key"));
        return LiabilityTree.Build(SnapshotId, members, LeafLayout.Fixed(order, padding));
    }
}
