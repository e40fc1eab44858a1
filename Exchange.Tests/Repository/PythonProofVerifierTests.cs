using System.Diagnostics;
using System.Globalization;
using Exchange.Tests.Core.Proofs;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Repository;

/// <summary>
/// docs/verify_proof.py, the verifier with nothing but Python's standard library, run as a user
/// runs it on the test vectors: every proof accepted, every mutation rejected at its step.
/// </summary>
[Integration]
public sealed class PythonProofVerifierTests : IDisposable
{
    private static readonly string Script = Path.Combine(RepositoryFolders.Root, "docs", "verify_proof.py");
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    public static TheoryData<string> UserNames => [.. ProofVectors.Users];

    public static TheoryData<string> MutationNames => [.. ProofVectors.Mutations.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(UserNames))]
    public async Task Accepts_each_users_proof_with_their_balances_and_the_published_key(string user)
    {
        var run = await RunAsync(ProofVectors.ProofPath(user), "--expect", Display(ProofVectors.BalancesOf(ProofVectors.User(user))), "--public-key", TestSigningKey.PublicKeyPath);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains($"fingerprint {ProofVectors.Vectors.GetProperty("publicKeyFingerprint").GetString()}", run.Output);
        Assert.EndsWith("Accepted: your balances are in the signed total.\n", run.Output);
    }

    [Theory]
    [MemberData(nameof(MutationNames))]
    public async Task Rejects_each_mutation_at_its_step(string name)
    {
        var mutation = ProofVectors.MutationNamed(name);
        var file = Path.Combine(folder.Path, $"{name}.json");
        await File.WriteAllTextAsync(file, mutation.Proof, TestContext.Current.CancellationToken);
        string[] expect = mutation.Expected is { } expected ? ["--expect", Display(expected)] : [];

        var run = await RunAsync([file, .. expect, "--public-key", TestSigningKey.PublicKeyPath]);

        Assert.True(run.ExitCode == 1, run.Output + run.Error);
        Assert.Contains($"Rejected: {mutation.RejectedAt}: ", run.Output);
    }

    [Fact]
    public async Task Bad_arguments_exit_2()
    {
        var run = await RunAsync(ProofVectors.ProofPath("alice"), "--expect", "DOGE=1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the proof's snapshot has no coin DOGE; its coins are BTC, MIOTA.", run.Error);
    }

    // Base units in the display unit, as the exchange shows them: 1500000 iotas is MIOTA=1.5.
    private static string Display(Dictionary<string, ulong> balances) => string.Join(",", balances.Select(b =>
    {
        var decimals = ProofVectors.Vectors.GetProperty("coins").EnumerateArray().Single(c => c.GetProperty("symbol").GetString() == b.Key).GetProperty("decimals").GetInt32();
        return $"{b.Key}={(b.Value / (decimal)Math.Pow(10, decimals)).ToString(CultureInfo.InvariantCulture)}";
    }));

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var token = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(token);
        var error = process.StandardError.ReadToEndAsync(token);
        await process.WaitForExitAsync(token);
        return (process.ExitCode, await output, await error);
    }
}
