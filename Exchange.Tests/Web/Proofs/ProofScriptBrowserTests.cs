using System.Text.Json;
using Exchange.Core.Proofs;
using Exchange.Tests.Core.Proofs;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.Proofs;

/// <summary>
/// The browser's verifier (wwwroot/proof/verify-proof.js, as the app serves it) run in chromium on
/// the test vectors: it takes the same steps as Core's verifier and stops at the same one, for
/// every user's proof and every mutation.
/// </summary>
public class ProofScriptBrowserTests(Browser browser) : BrowserTest(browser)
{
    private const string Verify = """
        async ([proof, expected, key]) => {
            const script = await import('/proof/verify-proof.js');
            const balances = expected === null ? null : new Map(Object.entries(expected).map(([coin, units]) => [coin, BigInt(units)]));
            return (await script.verifyProof(proof, balances, key)).steps;
        }
        """;

    private sealed record Step(string Name, bool Passed, string Detail);

    [Fact]
    public async Task The_script_accepts_every_users_proof_and_rejects_every_mutation_at_the_step_Cores_verifier_does()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/proof");
        var cases = ProofVectors.Users.Select(u => ($"user {u}", ProofVectors.Proof(u), (Dictionary<string, ulong>?)ProofVectors.BalancesOf(ProofVectors.User(u))))
            .Concat(ProofVectors.Mutations.Select(m => ($"mutation {m.Name}", m.Proof, m.Expected)));

        foreach (var (name, proof, expected) in cases)
        {
            var steps = await StepsAsync(page, proof, expected, ProofVectors.PublicKey);
            var core = ProofVerifier.Verify(proof, expected, ProofVectors.PublicKey);

            Assert.True(core.Steps.Select(s => (s.Name, s.Passed)).SequenceEqual(steps.Select(s => (s.Name, s.Passed))),
                $"{name}: Core {string.Join(" > ", core.Steps.Select(s => $"{s.Name}:{s.Passed}"))}, browser {string.Join(" > ", steps.Select(s => $"{s.Name}:{s.Passed}"))}");
            if (core.Accepted) Assert.Equal(core.Steps.Select(s => s.Detail), steps.Select(s => s.Detail));
            else Assert.Equal(core.Steps[^1].Detail, steps[^1].Detail);
        }
    }

    [Fact]
    public async Task Without_the_published_key_the_script_uses_the_proofs_own_and_says_to_compare_its_fingerprint()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/proof");
        var forged = ProofVectors.MutationNamed("signed-by-another-key");

        var steps = await StepsAsync(page, forged.Proof, null, null);

        Assert.All(steps, s => Assert.True(s.Passed, s.Detail));
        Assert.Equal(ProofVerifier.Verify(forged.Proof).Steps.Single(s => s.Name == "Signature").Detail, steps.Single(s => s.Name == "Signature").Detail);
    }

    [Fact]
    public async Task Files_that_are_no_proof_or_carry_a_whole_number_written_as_a_fraction_fail_at_the_step_they_fail_in_Core()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/proof");
        var alice = ProofVectors.Proof("alice");
        Assert.Contains("\"index\": 2,", alice);
        Assert.Contains("\"signature\": \"", alice);

        foreach (var proof in (string[])["not json", "[]", "{\"scheme\":\"exchange-pol-v1\"}", alice.Replace("\"index\": 2,", "\"index\": 2.0,"),
                     alice.Replace("\"index\": 2,", "\"index\": 9007199254740993,"), alice.Replace("\"signature\": \"", "\"signature\": \"!")])
        {
            var steps = await StepsAsync(page, proof, null, ProofVectors.PublicKey);
            var core = ProofVerifier.Verify(proof, null, ProofVectors.PublicKey);

            Assert.False(core.Accepted);
            Assert.Equal(core.Steps.Select(s => (s.Name, s.Passed)), steps.Select(s => (s.Name, s.Passed)));
        }
    }

    private static async Task<List<Step>> StepsAsync(Microsoft.Playwright.IPage page, string proof, Dictionary<string, ulong>? expected, string? key)
    {
        var balances = expected?.ToDictionary(e => e.Key, e => e.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var steps = await page.EvaluateAsync<JsonElement>(Verify, new object?[] { proof, balances, key });
        return [.. steps.EnumerateArray().Select(s => new Step(s.GetProperty("name").GetString()!, s.GetProperty("passed").GetBoolean(), s.GetProperty("detail").GetString()!))];
    }
}
