namespace Exchange.Hub.Client;

/// <summary>
/// IOTA Hub's RESTful API, one method per command. A refusal by Hub throws
/// <see cref="HubCommandException"/>; not knowing what happened throws <see cref="HubTransportException"/>,
/// as does Hub's "Unknown error" to a write (it gives that for a failing database too).
/// Timestamps are milliseconds since the epoch; <c>newerThan</c> filters are inclusive.
/// </summary>
public interface IHubClient
{
    Task<long> GetStatsAsync(CancellationToken cancellationToken = default);

    /// <summary>Never retried. "User exist" comes back as <see cref="CreateUserResult.AlreadyExists"/>.</summary>
    Task<CreateUserResult> CreateUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>A new single-use address each call, with its 9-tryte checksum (90 trytes).</summary>
    Task<string> GetDepositAddressAsync(string userId, CancellationToken cancellationToken = default);

    Task<long> GetBalanceAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>The Hub user a deposit address belongs to; a checksum is stripped before asking.</summary>
    Task<string> GetAddressInfoAsync(string address, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UserHistoryEvent>> GetUserHistoryAsync(string userId, long newerThan, CancellationToken cancellationToken = default);

    /// <summary>Null when Hub knows no such sweep.</summary>
    Task<SweepDetail?> SweepDetailAsync(string bundleHash, CancellationToken cancellationToken = default);

    /// <summary>The sweep that paid a withdrawal; null when it is unknown, cancelled or not swept yet.</summary>
    Task<SweepSummary?> SweepInfoByWithdrawalAsync(string withdrawalUuid, CancellationToken cancellationToken = default);

    Task<SweepSummary?> SweepInfoByBundleAsync(string bundleHash, CancellationToken cancellationToken = default);

    /// <summary>Never retried. The payout address is sent with its checksum and validateChecksum; returns Hub's withdrawal UUID.</summary>
    Task<string> UserWithdrawAsync(string userId, long amount, string payoutAddress90, string? tag, CancellationToken cancellationToken = default);

    /// <summary>Never retried. Throws <see cref="HubCommandException"/> with WithdrawalCanNotBeCancelled once swept.</summary>
    Task UserWithdrawCancelAsync(string withdrawalUuid, CancellationToken cancellationToken = default);

    Task<bool> WasWithdrawalCancelledAsync(string withdrawalUuid, CancellationToken cancellationToken = default);

    Task<bool> WasAddressSpentFromAsync(string address, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SweepSummary>> SweepSubscriptionAsync(long newerThan, CancellationToken cancellationToken = default);

    /// <summary>The whole answer in one list: for small windows; a backlog is read with <see cref="StreamBalanceSubscriptionAsync"/>.</summary>
    Task<IReadOnlyList<BalanceEvent>> BalanceSubscriptionAsync(long newerThan, CancellationToken cancellationToken = default);

    /// <summary>
    /// BalanceSubscription read as it arrives, in document order (Hub's three groups one after the
    /// other), without holding the answer. A failure before the first event is retried as any read;
    /// a failure later throws from the enumeration.
    /// </summary>
    IAsyncEnumerable<BalanceEvent> StreamBalanceSubscriptionAsync(long newerThan, CancellationToken cancellationToken = default);

    /// <summary>Never retried. One request: it must net to zero and fit Hub's 10,000-byte body limit (see <see cref="TransferBatches"/>).</summary>
    Task ProcessTransferBatchAsync(IReadOnlyList<HubTransfer> transfers, CancellationToken cancellationToken = default);

    Task<string> SignBundleAsync(string address, string bundleHash, string authenticationToken, CancellationToken cancellationToken = default);

    Task RecoverFundsAsync(string userId, string address, string payoutAddress90, CancellationToken cancellationToken = default);

    Task<string> GetSeedForAddressAsync(string userId, string address, CancellationToken cancellationToken = default);

    Task<string> GetSeedForUuidAsync(string seedUuid, CancellationToken cancellationToken = default);
}
