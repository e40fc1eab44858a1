namespace Exchange.Core.HubSync;

/// <summary>
/// Named points in the Hub jobs: before and after every Hub call and every commit. Production
/// passes through them; crash tests make one throw, to prove a restart at any of them loses and
/// doubles nothing.
/// </summary>
public interface ISyncCheckpoints
{
    ValueTask ReachedAsync(string checkpoint);
}

internal sealed class NoCheckpoints : ISyncCheckpoints
{
    public ValueTask ReachedAsync(string checkpoint) => ValueTask.CompletedTask;
}

public static class Checkpoints
{
    public const string BalanceRead = "balance-check:after-hub-read";
    /// <summary>Reached after each batch's commit (a run of n batches passes it n times).</summary>
    public const string BalanceBatchCommitted = "balance-check:after-batch-commit";
    /// <summary>Reached once every batch of the run is committed.</summary>
    public const string BalanceCommitted = "balance-check:after-commit";
    public const string BatchRecorded = "hot-wallet:after-intent-commit";
    public const string BatchSent = "hot-wallet:after-hub-call";
    public const string BatchResolved = "hot-wallet:after-outcome-commit";
    public const string WithdrawalBegun = "withdrawals:after-submitting-commit";
    public const string WithdrawalSent = "withdrawals:after-hub-call";
    public const string WithdrawalRecorded = "withdrawals:after-submitted-commit";

    public static readonly string[] All =
        [BalanceRead, BalanceBatchCommitted, BalanceCommitted, BatchRecorded, BatchSent, BatchResolved, WithdrawalBegun, WithdrawalSent, WithdrawalRecorded];
}
