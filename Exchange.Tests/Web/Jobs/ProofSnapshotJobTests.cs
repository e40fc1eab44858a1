using Exchange.Core.Data;
using Exchange.Core.Jobs;
using Exchange.Core.Proofs;
using Exchange.Tests.Core.Proofs;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Jobs;

/// <summary>The app's Quartz job takes the snapshots on its own.</summary>
[Integration]
public sealed class ProofSnapshotJobTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_deployment_gets_its_first_snapshot_at_start_recorded_as_a_job_run_and_signed_with_the_configured_key()
    {
        await using var app = new ExchangeAppFactory { Jobs = true };
        var contexts = app.Services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>();

        // The run is recorded once the snapshot is stored.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JobRun? run;
        while ((run = await FirstRunAsync(contexts)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the job recorded no run within 60 s of the app's start");
            await Task.Delay(250, Token);
        }

        Assert.True(run.Succeeded, run.Error);
        var snapshot = await app.Services.GetRequiredService<ProofQueries>().LatestAsync(Token);
        Assert.NotNull(snapshot);
        Assert.StartsWith($"snapshot {snapshot.Id}: 0 user(s) in 2 leaves", run.Summary);
        Assert.Equal(ProofVectors.Vectors.GetProperty("publicKeyFingerprint").GetString(), snapshot.KeyFingerprint);
    }

    private static async Task<JobRun?> FirstRunAsync(IDbContextFactory<ExchangeDbContext> contexts)
    {
        await using var db = contexts.CreateDbContext();
        return await db.JobRuns.AsNoTracking().Where(r => r.Job == ProofSnapshotJob.Name).OrderBy(r => r.Id).FirstOrDefaultAsync(Token);
    }
}
