using System.Text.Json;
using Exchange.Hub.Client;

namespace Exchange.Core.HubSync;

/// <summary>
/// Pending: recorded before the ProcessTransferBatch call, outcome not known yet.
/// Applied: Hub booked it. NotApplied: Hub refused it, or its history proved it never arrived.
/// </summary>
public enum HotWalletBatchState
{
    Pending,
    Applied,
    NotApplied,
}

/// <summary>One ProcessTransferBatch request moving credited deposits from user-N accounts to the hot wallet.</summary>
public sealed class HotWalletBatch
{
    public long Id { get; private set; }
    public HotWalletBatchState State { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public long Total { get; private set; }
    public int Users { get; private set; }
    public string? Reason { get; private set; }
    public string TransfersJson { get; private set; } = "[]";

    public IReadOnlyList<HubTransfer> Transfers => JsonSerializer.Deserialize<List<HubTransfer>>(TransfersJson)!;

    private HotWalletBatch() { }

    public static HotWalletBatch Intend(IReadOnlyList<HubTransfer> transfers, DateTime now) => new()
    {
        State = HotWalletBatchState.Pending,
        CreatedAt = now,
        Total = transfers.Where(t => t.Amount > 0).Sum(t => t.Amount),
        Users = transfers.Count(t => t.Amount < 0),
        TransfersJson = JsonSerializer.Serialize(transfers),
    };

    public void Resolve(HotWalletBatchState outcome, DateTime now, string? reason = null)
    {
        if (State != HotWalletBatchState.Pending || outcome == HotWalletBatchState.Pending)
            throw new InvalidOperationException($"Batch {Id} is {State}; it cannot become {outcome}.");
        State = outcome;
        ResolvedAt = now;
        Reason = reason;
    }
}
