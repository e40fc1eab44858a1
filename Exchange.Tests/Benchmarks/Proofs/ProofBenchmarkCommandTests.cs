using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Benchmarks.Proofs;

/// <summary>The proof-of-liabilities benchmark end to end on a few users (its figures are read by people, not asserted).</summary>
[Integration]
public class ProofBenchmarkCommandTests
{
    private const string AllHeld = "correctness: every check held";

    [Fact]
    public async Task The_proof_benchmark_takes_two_snapshots_of_the_seeded_users_and_verifies_their_proofs()
    {
        var output = await RunAsync("benchmark-proof", "--users", "50");

        Assert.Equal(0, output.ExitCode);
        Assert.Contains("users                     50 (a MIOTA and a BTC balance each)", output.Text);
        Assert.Contains("leaves                    64 (padded to a power of two)", output.Text);
        Assert.Contains("depth                     6", output.Text);
        Assert.Matches(@"build time \(s\)\s+\d+\.\d\d\s+\d+\.\d\d", output.Text);
        Assert.Contains("ok     next snapshot: MIOTA total 50001225, the ledger's 50001225, seeded 50001225", output.Text);
        Assert.Matches(@"ok     next snapshot: (\d) of \1 random users' proofs verify", output.Text);
        Assert.Contains(AllHeld, output.Text);
    }

    [Fact]
    public async Task The_proof_benchmark_runs_on_a_fresh_PostgreSQL_database()
    {
        var output = await RunAsync("benchmark-proof", "--users", "20", "--provider", "postgres", "--database", PostgresServer.ConnectionString);

        Assert.Equal(0, output.ExitCode);
        Assert.Contains("on PostgreSql", output.Text);
        Assert.Contains("ok     first snapshot: 20 users in 32 leaves", output.Text);
        Assert.Contains(AllHeld, output.Text);
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        var output = await RunAsync("benchmark-proof", "--help");

        Assert.Equal(0, output.ExitCode);
        Assert.StartsWith("usage: benchmark-proof ", output.Text);
    }

    [Fact]
    public async Task The_proof_benchmark_refuses_a_bad_user_count_with_exit_code_2()
    {
        var output = await RunAsync("benchmark-proof", "--users", "0");

        Assert.Equal(2, output.ExitCode);
        Assert.Contains("benchmark-proof: --users takes a whole number of at least 1 (e.g. --users 1000000), not '0'", output.Text);
    }

    private static Task<AppProcess.Run> RunAsync(params string[] args) =>
        AppProcess.BenchmarkAsync(null, args, TimeSpan.FromMinutes(10));
}
