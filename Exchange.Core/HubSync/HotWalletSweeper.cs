using System.Runtime.ExceptionServices;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Core.Jobs;
using Exchange.Hub;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.HubSync;

/// <summary>What one run did; <paramref name="Iota"/> formats the amount in the summary.</summary>
public sealed record HotWalletSweepResult(Coin Iota, int BatchesSent, int BatchesResolved, long AmountMoved, int Users) : IJobResult
{
    public string Summary => $"{BatchesSent} batches sent ({Iota.Format(AmountMoved)} from {Users} users), {BatchesResolved} earlier batches resolved";

    public bool DidWork => BatchesSent > 0 || BatchesResolved > 0;
}

/// <summary>
/// Scenario A: what Hub credited to user-N accounts moves to the hot wallet with
/// ProcessTransferBatch. Each request is recorded (Pending) before it is sent; a request whose
/// outcome is not known is resolved from Hub's own history before anything new is sent, so funds
/// are neither moved twice nor stranded. Requests go in groups: one commit records a group's
/// intents together with the outcomes of the group before it, then the group's calls are made.
/// </summary>
public sealed class HotWalletSweeper(IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue, IHubClient hub, IExchangeEvents events,
    IOptions<HubSyncOptions> options, TimeProvider time, ISyncCheckpoints checkpoints)
{
    // Payers are read a page at a time (by id), so a million accounts to move never sit in memory.
    private const int PayersPerPage = 10_000;

    // A crash leaves at most one group pending, each of its batches then resolved payer by payer
    // from Hub's history: the size weighs commits saved against that recovery.
    private const int BatchesPerCommit = 16;

    // Each payer is in one batch only and the hot wallet only receives, so the calls of a group
    // may reach Hub in any order.
    private const int CallsInFlight = 4;

    private sealed record Intent(long Id, IReadOnlyList<HubTransfer> Transfers);

    /// <summary>A call's outcome; Pending when it is not known (the call failed on the way), and then left for <see cref="ResolvePendingAsync"/>.</summary>
    private sealed record Outcome(Intent Intent, HotWalletBatchState State, string? Reason = null, Exception? Failure = null);

    public async Task<HotWalletSweepResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var iota = (await catalogue.CurrentAsync(cancellationToken)).Iota;
        var (resolved, stillPending) = await ResolvePendingAsync(cancellationToken);
        if (stillPending > 0)
            return new HotWalletSweepResult(iota, 0, resolved, 0, 0);

        var (sent, users, moved, after) = (0, 0, 0L, 0L);
        IReadOnlyList<Outcome> previous = [];
        while (await UnmovedAsync(after, cancellationToken) is { Count: > 0 } page)
        {
            if (users == 0) await hub.CreateUserAsync(options.Value.HotWalletUserId, cancellationToken);
            (after, users) = (page[^1].Id, users + page.Count);
            var payers = page.Select(p => p.Transfer).ToList();
            foreach (var group in TransferBatches.Split([.. payers, new HubTransfer(options.Value.HotWalletUserId, -payers.Sum(p => p.Amount))]).Chunk(BatchesPerCommit))
            {
                var intents = await CommitAsync(previous, group, cancellationToken);
                if (previous.Count > 0) await checkpoints.ReachedAsync(Checkpoints.BatchResolved);
                await checkpoints.ReachedAsync(Checkpoints.BatchRecorded);
                previous = await SendAsync(intents, cancellationToken);
                sent += intents.Count;
                moved += previous.Where(o => o.State == HotWalletBatchState.Applied).Sum(o => Moved(o.Intent.Transfers));
            }
        }
        if (previous.Count > 0)
        {
            await CommitAsync(previous, [], cancellationToken);
            await checkpoints.ReachedAsync(Checkpoints.BatchResolved);
        }
        return new HotWalletSweepResult(iota, sent, resolved, moved, users);
    }

    /// <summary>Makes the group's calls; when one failed, the known outcomes are committed before its exception goes on.</summary>
    private async Task<IReadOnlyList<Outcome>> SendAsync(IReadOnlyList<Intent> intents, CancellationToken cancellationToken)
    {
        var outcomes = new Outcome[intents.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, intents.Count), new ParallelOptions { MaxDegreeOfParallelism = CallsInFlight },
            async (i, _) => outcomes[i] = await CallAsync(intents[i], cancellationToken));
        await checkpoints.ReachedAsync(Checkpoints.BatchSent);
        if (outcomes.FirstOrDefault(o => o.Failure is not null) is { } failed)
        {
            await CommitAsync(outcomes, [], cancellationToken);
            ExceptionDispatchInfo.Throw(failed.Failure!);
        }
        return outcomes;
    }

    private async Task<Outcome> CallAsync(Intent intent, CancellationToken cancellationToken)
    {
        try
        {
            await hub.ProcessTransferBatchAsync(intent.Transfers, cancellationToken);
            return new Outcome(intent, HotWalletBatchState.Applied);
        }
        catch (HubCommandException refused)
        {
            return new Outcome(intent, HotWalletBatchState.NotApplied, $"Hub refused the batch: {refused.Error.Text()}", refused);
        }
        catch (Exception unknown)
        {
            return new Outcome(intent, HotWalletBatchState.Pending, Failure: unknown);
        }
    }

    /// <summary>The next page of user-N accounts with a credited-but-unmoved amount, after account id <paramref name="after"/>.</summary>
    private async Task<List<(long Id, HubTransfer Transfer)>> UnmovedAsync(long after, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var page = await db.HubAccounts.Where(a => a.Id > after && a.CreditedByHub > a.MovedToHotWallet).OrderBy(a => a.Id).Take(PayersPerPage)
            .Select(a => new { a.Id, a.HubUserId, Unmoved = a.CreditedByHub - a.MovedToHotWallet }).ToListAsync(cancellationToken);
        return page.Select(a => (a.Id, new HubTransfer(a.HubUserId, -a.Unmoved))).ToList();
    }

    /// <summary>One transaction: the known outcomes (with the moves of those applied), and the intents of the calls about to be made.</summary>
    private async Task<IReadOnlyList<Intent>> CommitAsync(IReadOnlyList<Outcome> outcomes, IReadOnlyList<IReadOnlyList<HubTransfer>> next, CancellationToken cancellationToken)
    {
        var known = outcomes.Where(o => o.State != HotWalletBatchState.Pending).ToDictionary(o => o.Intent.Id);
        if (known.Count == 0 && next.Count == 0) return [];
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = known.Keys.ToList();
        foreach (var batch in ids.Count == 0 ? [] : await db.HotWalletBatches.Where(b => ids.Contains(b.Id)).ToListAsync(cancellationToken))
            batch.Resolve(known[batch.Id].State, Now, known[batch.Id].Reason);
        var intended = next.Select(transfers => HotWalletBatch.Intend(transfers, Now)).ToList();
        db.HotWalletBatches.AddRange(intended);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var applied in known.Values.Where(o => o.State == HotWalletBatchState.Applied))
            await HubAccountTotals.AddMovesAsync(db, applied.Intent.Transfers.Where(t => t.Amount < 0).Select(t => (t.UserId, -t.Amount)).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var o in known.Values) events.Publish(new HotWalletBatchChanged(o.Intent.Id, o.State.ToString()));
        foreach (var batch in intended) events.Publish(new HotWalletBatchChanged(batch.Id, batch.State.ToString()));
        return intended.Select((batch, i) => new Intent(batch.Id, next[i])).ToList();
    }

    private static long Moved(IReadOnlyList<HubTransfer> transfers) => transfers.Where(t => t.Amount > 0).Sum(t => t.Amount);

    // Hub records no batch id, but books one SELL per payer per applied batch: a payer whose Hub
    // history holds more SELLs than the batches we know applied means the pending one went through.
    private async Task<(int Resolved, int StillPending)> ResolvePendingAsync(CancellationToken cancellationToken)
    {
        List<HotWalletBatch> pending;
        await using (var db = contexts.CreateDbContext())
            pending = await db.HotWalletBatches.Where(b => b.State == HotWalletBatchState.Pending).OrderBy(b => b.Id).ToListAsync(cancellationToken);

        var settled = Now - options.Value.UnknownOutcomeGrace;
        var resolved = 0;
        foreach (var batch in pending.Where(b => b.CreatedAt <= settled))
        {
            var verdicts = new List<bool>();
            foreach (var payer in batch.Transfers.Where(t => t.Amount < 0))
                verdicts.Add(await SellCountAsync(payer.UserId, cancellationToken) > await BatchesAppliedAsync(payer.UserId, cancellationToken));
            if (verdicts.Distinct().Count() != 1)
                throw new InvalidOperationException($"Hot-wallet batch {batch.Id}: Hub's history shows it applied for some users and not others; an operator must look at it.");
            var outcome = verdicts[0]
                ? new Outcome(new Intent(batch.Id, batch.Transfers), HotWalletBatchState.Applied, "Found applied in Hub's history after an unknown outcome.")
                : new Outcome(new Intent(batch.Id, batch.Transfers), HotWalletBatchState.NotApplied, "Hub's history shows it never arrived.");
            await CommitAsync([outcome], [], cancellationToken);
            resolved++;
        }
        return (resolved, pending.Count - resolved);
    }

    private async Task<int> SellCountAsync(string hubUserId, CancellationToken cancellationToken) =>
        (await hub.GetUserHistoryAsync(hubUserId, 0, cancellationToken)).Count(e => e.Reason == UserHistoryReason.Sell);

    private async Task<int> BatchesAppliedAsync(string hubUserId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.HubAccounts.Where(a => a.HubUserId == hubUserId).Select(a => a.BatchesApplied).SingleAsync(cancellationToken);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
