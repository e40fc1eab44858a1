using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Proofs;

/// <summary>A snapshot was published; pages showing snapshots read again.</summary>
public sealed record ProofSnapshotPublished(long SnapshotId) : ExchangeEvent;

/// <summary>
/// Takes proof-of-liabilities snapshots: on the schedule (the job asks whether one is due) or
/// when an operator asks, with their two-factor code, audited. One at a time per process.
/// </summary>
public sealed class ProofSnapshots(ProofSnapshotBuilder builder, IDbContextFactory<ExchangeDbContext> contexts, OperatorStepUp stepUp, IExchangeEvents events,
    IOptions<ProofOfLiabilitiesOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim one = new(1, 1);

    /// <summary>An operator's snapshot, now.</summary>
    public async Task<OperatorResult> TakeNowAsync(OperatorCredentials by, CancellationToken cancellationToken = default)
    {
        if (await stepUp.ProblemAsync(by, cancellationToken) is { } problem)
            return OperatorResult.StepUpRefused(problem);
        if (!await one.WaitAsync(TimeSpan.Zero, cancellationToken))
            return OperatorResult.Refused("A snapshot is being taken right now; it will be listed once it is done.");
        try
        {
            var outcome = await builder.TakeAsync(by.OperatorId, cancellationToken);
            Announce(outcome);
            events.Publish(new OperatorActed("Proof of liabilities snapshot taken"));
            return OperatorResult.Done($"Snapshot taken: {outcome.Summary}.");
        }
        catch (Exception e) when (e is InvalidOperationException or OverflowException)
        {
            return OperatorResult.Refused($"The snapshot was not taken: {e.Message}");
        }
        finally
        {
            one.Release();
        }
    }

    /// <summary>The job's run: a snapshot when the newest is as old as the schedule; otherwise says when one is due.</summary>
    public async Task<string> TakeIfDueAsync(CancellationToken cancellationToken = default)
    {
        await one.WaitAsync(cancellationToken);
        try
        {
            var newest = await NewestAsync(cancellationToken);
            if (!options.Value.IsDue(newest, time.GetUtcNow().UtcDateTime))
                return $"not due: the newest snapshot was taken {newest:yyyy-MM-dd HH:mm:ss} UTC, one is taken every {options.Value.Schedule}";
            var outcome = await builder.TakeAsync(null, cancellationToken);
            Announce(outcome);
            return outcome.Summary;
        }
        finally
        {
            one.Release();
        }
    }

    private async Task<DateTime?> NewestAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.ProofSnapshots.Where(s => s.State == ProofSnapshotState.Published).MaxAsync(s => s.TakenAt, cancellationToken);
    }

    private void Announce(SnapshotOutcome outcome) => events.Publish(new ProofSnapshotPublished(outcome.SnapshotId));

    public void Dispose() => one.Dispose();
}
