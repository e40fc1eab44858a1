using Exchange.Core.Data;
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
        var queries = app.Services.GetRequiredService<ProofQueries>();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        PublishedSnapshot? snapshot;
        while ((snapshot = await queries.LatestAsync(Token)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "no snapshot within 60 s of the app's start");
            await Task.Delay(250, Token);
        }

        Assert.Equal(ProofVectors.Vectors.GetProperty("publicKeyFingerprint").GetString(), snapshot.KeyFingerprint);
        await using var db = app.Services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContext();
        var run = await db.JobRuns.AsNoTracking().FirstAsync(r => r.Job == ProofSnapshotJob.Name, Token);
        Assert.True(run.Succeeded, run.Error);
        Assert.StartsWith($"snapshot {snapshot.Id}: 0 user(s) in 2 leaves", run.Summary);
    }
}
