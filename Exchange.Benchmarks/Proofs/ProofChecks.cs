using System.Numerics;
using Exchange.Benchmarks.Harness;
using Exchange.Core.Ledger;
using Exchange.Core.Proofs;

namespace Exchange.Benchmarks.Proofs;

/// <summary>What a snapshot must hold: the seeded users, the ledger's totals, and proofs that verify against its signed manifest.</summary>
internal static class ProofChecks
{
    private const int ProofsChecked = 5;

    public static async Task CheckAsync(IServiceProvider services, LedgerChecks checks, string name, SnapshotOutcome outcome, int users)
    {
        var snapshot = await services.GetRequiredService<ProofQueries>().FindAsync(outcome.SnapshotId)
            ?? throw new InvalidOperationException($"Snapshot {outcome.SnapshotId} was not published.");
        var width = Math.Max(2, (long)BitOperations.RoundUpToPowerOf2((uint)users));
        checks.Expect($"{name}: {outcome.Users} users in {outcome.LeafCount} leaves (expected {users} in {width}, the next power of two)",
            outcome.Users == users && outcome.LeafCount == width);
        var ledger = await services.GetRequiredService<Reconciliation>().RunAsync();
        var seeded = ProofSeed.Totals(users);
        foreach (var total in snapshot.Totals)
        {
            var owed = ledger.LiabilityIn(total.Coin);
            var expected = seeded.GetValueOrDefault(total.Coin);
            checks.Expect($"{name}: {total.Coin} total {total.Amount}, the ledger's {owed}, seeded {expected}", total.Amount == owed && owed == expected);
        }
        checks.Expect($"{name}: the ledger's accounts equal their entries ({ledger.Mismatches.Count} off)", ledger.IsBalanced);
        await ProofsAsync(services, checks, name, outcome.SnapshotId, users);
    }

    // The proofs are checked against the key the exchange publishes, not the one each file carries.
    private static async Task ProofsAsync(IServiceProvider services, LedgerChecks checks, string name, long snapshotId, int users)
    {
        var queries = services.GetRequiredService<ProofQueries>();
        var key = services.GetRequiredService<ProofSigningKey>().PublicKey.Pem;
        var sample = Enumerable.Range(0, ProofsChecked).Select(_ => Random.Shared.Next(users)).Append(users - 1).Distinct().ToList();
        var problems = new List<string>();
        foreach (var user in sample)
        {
            var proof = await queries.ForUserAsync(ProofSeed.UserOf(user), snapshotId);
            if (proof.Proof is null)
            {
                problems.Add($"{ProofSeed.UserOf(user)}: {proof.Problem}");
                continue;
            }
            var verification = ProofVerifier.Verify(proof.Proof.Json, ProofSeed.BalancesOf(user), key);
            if (!verification.Accepted) problems.Add($"{ProofSeed.UserOf(user)}: {verification.Reason}");
        }
        checks.Expect($"{name}: {sample.Count - problems.Count} of {sample.Count} random users' proofs verify with their balances against the published key" +
            (problems.Count == 0 ? "" : $" ({string.Join("; ", problems)})"), problems.Count == 0);
    }
}
