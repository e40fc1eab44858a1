using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Hub;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.HubSync;

/// <summary>What one run did; <paramref name="Iota"/> formats the amount in the summary.</summary>
public sealed record HotWalletSweepResult(Coin Iota, int BatchesSent, int BatchesResolved, long AmountMoved, int Users)
{
    public string Summary => $"{BatchesSent} batches sent ({Iota.Format(AmountMoved)} from {Users} users), {BatchesResolved} earlier batches resolved";
}

/// <summary>
/// Scenario A: what Hub credited to user-N accounts moves to the hot wallet with
/// ProcessTransferBatch. Each request is recorded (Pending) before it is sent; a request whose
/// outcome is not known is resolved from Hub's own history before anything new is sent, so funds
/// are neither moved twice nor stranded.
/// </summary>
public sealed class HotWalletSweeper(IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue, IHubClient hub, IExchangeEvents events,
    IOptions<HubSyncOptions> options, TimeProvider time, ISyncCheckpoints checkpoints)
{
    // Payers are read a page at a time (by id), so a million accounts to move never sit in memory.
    private const int PayersPerPage = 10_000;

    public async Task<HotWalletSweepResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var iota = (await catalogue.CurrentAsync(cancellationToken)).Iota;
        var (resolved, stillPending) = await ResolvePendingAsync(cancellationToken);
        if (stillPending > 0)
            return new HotWalletSweepResult(iota, 0, resolved, 0, 0);

        var (sent, users, moved, after) = (0, 0, 0L, 0L);
        while (await UnmovedAsync(after, cancellationToken) is { Count: > 0 } page)
        {
            if (users == 0) await hub.CreateUserAsync(options.Value.HotWalletUserId, cancellationToken);
            (after, users) = (page[^1].Id, users + page.Count);
            var payers = page.Select(p => p.Transfer).ToList();
            foreach (var chunk in TransferBatches.Split([.. payers, new HubTransfer(options.Value.HotWalletUserId, -payers.Sum(p => p.Amount))]))
            {
                await SendAsync(chunk, cancellationToken);
                sent++;
                moved += chunk.Where(t => t.Amount > 0).Sum(t => t.Amount);
            }
        }
        return new HotWalletSweepResult(iota, sent, resolved, moved, users);
    }

    private async Task SendAsync(IReadOnlyList<HubTransfer> chunk, CancellationToken cancellationToken)
    {
        var batchId = await RecordIntentAsync(chunk, cancellationToken);
        await checkpoints.ReachedAsync(Checkpoints.BatchRecorded);
        try
        {
            await hub.ProcessTransferBatchAsync(chunk, cancellationToken);
        }
        catch (HubCommandException refused)
        {
            await ResolveAsync(batchId, HotWalletBatchState.NotApplied, $"Hub refused the batch: {refused.Error.Text()}", cancellationToken);
            throw;
        }
        await checkpoints.ReachedAsync(Checkpoints.BatchSent);
        await ResolveAsync(batchId, HotWalletBatchState.Applied, null, cancellationToken);
        await checkpoints.ReachedAsync(Checkpoints.BatchResolved);
    }

    /// <summary>The next page of user-N accounts with a credited-but-unmoved amount, after account id <paramref name="after"/>.</summary>
    private async Task<List<(long Id, HubTransfer Transfer)>> UnmovedAsync(long after, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var page = await db.HubAccounts.Where(a => a.Id > after && a.CreditedByHub > a.MovedToHotWallet).OrderBy(a => a.Id).Take(PayersPerPage)
            .Select(a => new { a.Id, a.HubUserId, Unmoved = a.CreditedByHub - a.MovedToHotWallet }).ToListAsync(cancellationToken);
        return page.Select(a => (a.Id, new HubTransfer(a.HubUserId, -a.Unmoved))).ToList();
    }

    private async Task<long> RecordIntentAsync(IReadOnlyList<HubTransfer> chunk, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var batch = HotWalletBatch.Intend(chunk, Now);
        db.HotWalletBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(new HotWalletBatchChanged(batch.Id, batch.State.ToString()));
        return batch.Id;
    }

    private async Task ResolveAsync(long batchId, HotWalletBatchState outcome, string? reason, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await db.HotWalletBatches.SingleAsync(b => b.Id == batchId, cancellationToken);
        batch.Resolve(outcome, Now, reason);
        await db.SaveChangesAsync(cancellationToken);
        if (outcome == HotWalletBatchState.Applied)
            await HubAccountTotals.AddMovesAsync(db, batch.Transfers.Where(t => t.Amount < 0).Select(t => (t.UserId, -t.Amount)).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Publish(new HotWalletBatchChanged(batchId, outcome.ToString()));
    }

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
            await ResolveAsync(batch.Id, verdicts[0] ? HotWalletBatchState.Applied : HotWalletBatchState.NotApplied,
                verdicts[0] ? "Found applied in Hub's history after an unknown outcome." : "Hub's history shows it never arrived.", cancellationToken);
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
