using Exchange.Tests.Core.Proofs;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.Cli;

/// <summary>Runs the real <c>Exchange.Web verify-proof</c> on the test vectors' proofs, as a user would.</summary>
[Integration]
public sealed class VerifyProofCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_users_proof_with_their_balances_and_the_published_key_is_accepted_step_by_step()
    {
        var run = await VerifyAsync(ProofVectors.ProofPath("alice"), "--expect", "MIOTA=1.5,BTC=0", "--public-key", TestSigningKey.PublicKeyPath);

        Assert.True(run.ExitCode == 0, run.Text);
        Assert.Contains("ok    Signature: ECDSA P-256 over the manifest, valid for the key you gave", run.Output);
        Assert.Contains("ok    Expected balances: MIOTA 1500000, BTC 0, as expected.", run.Output);
        Assert.Contains("ok    Totals: the root's sums equal the signed manifest's totals", run.Output);
        Assert.EndsWith($"Accepted: your balances are in the signed total.{Environment.NewLine}", run.Output);
    }

    [Fact]
    public async Task A_tampered_proof_is_rejected_with_the_step_and_the_reason()
    {
        var tampered = Path.Combine(folder.Path, "tampered.json");
        await File.WriteAllTextAsync(tampered, ProofVectors.MutationNamed("sibling-sum-beyond-u64").Proof, TestContext.Current.CancellationToken);

        var run = await VerifyAsync(tampered, "--public-key", TestSigningKey.PublicKeyPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Rejected: Level 3: the sibling's BTC sum is 18446744073709551616, more than 2^64 - 1", run.Output);
    }

    [Fact]
    public async Task Balances_other_than_the_leafs_are_rejected()
    {
        var run = await VerifyAsync(ProofVectors.ProofPath("alice"), "--expect", "MIOTA=1.500001");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Rejected: Expected balances: MIOTA: the leaf holds 1500000 base units, you expected 1500001.", run.Output);
    }

    [Theory]
    [InlineData(new string[0], "verify-proof takes one proof file")]
    [InlineData(new[] { "no-such-file.json" }, "The proof file no-such-file.json cannot be read.")]
    [InlineData(new[] { "ALICE", "--expect", "ETH=1" }, "--expect: the proof's snapshot has no coin ETH; its coins are BTC, MIOTA.")]
    [InlineData(new[] { "ALICE", "--expect", "MIOTA=1.0000001" }, "--expect: 1.0000001 is not an amount of MIOTA with at most 6 decimals")]
    [InlineData(new[] { "ALICE", "--public-key" }, "--public-key needs a readable PEM file.")]
    public async Task Bad_arguments_exit_2_saying_what_is_wrong(string[] args, string message)
    {
        var run = await VerifyAsync([.. args.Select(a => a == "ALICE" ? ProofVectors.ProofPath("alice") : a)]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    private Task<AppProcess.Run> VerifyAsync(params string[] args) => AppProcess.RunAsync(folder.Path, ["verify-proof", .. args]);
}
