namespace Exchange.Hub.Client;

/// <summary>One event of BalanceSubscription. Timestamps are milliseconds since the epoch, as Hub sends them.</summary>
public abstract record BalanceEvent(long Timestamp, long Amount);

/// <summary>USER_ACCOUNT: DEPOSIT (credited at sweep creation), WITHDRAWAL, WITHDRAWAL_CANCELED.</summary>
public abstract record UserAccountEvent(string UserId, long Timestamp, long Amount) : BalanceEvent(Timestamp, Amount);

public sealed record DepositEvent(string UserId, long Timestamp, long Amount, string SweepBundleHash) : UserAccountEvent(UserId, Timestamp, Amount);

public sealed record WithdrawalEvent(string UserId, long Timestamp, long Amount, string WithdrawalUuid) : UserAccountEvent(UserId, Timestamp, Amount);

public sealed record WithdrawalCanceledEvent(string UserId, long Timestamp, long Amount, string WithdrawalUuid) : UserAccountEvent(UserId, Timestamp, Amount);

/// <summary>USER_ADDRESS: UA_DEPOSIT (seen on the Tangle; Hash is the depositing tail) and UA_SWEEP (Hash is the sweep bundle).</summary>
public abstract record UserAddressEvent(string UserId, long Timestamp, string Address, string Hash, string Message, long Amount) : BalanceEvent(Timestamp, Amount);

public sealed record AddressDepositEvent(string UserId, long Timestamp, string Address, string Hash, string Message, long Amount)
    : UserAddressEvent(UserId, Timestamp, Address, Hash, Message, Amount);

public sealed record AddressSweepEvent(string UserId, long Timestamp, string Address, string Hash, string Message, long Amount)
    : UserAddressEvent(UserId, Timestamp, Address, Hash, Message, Amount);

/// <summary>HUB_ADDRESS: INBOUND (a sweep's remainder, may be 0) and OUTBOUND (a hub address spent as an input).</summary>
public abstract record HubAddressEvent(string HubAddress, long Timestamp, string SweepBundleHash, long Amount) : BalanceEvent(Timestamp, Amount);

public sealed record InboundEvent(string HubAddress, long Timestamp, string SweepBundleHash, long Amount) : HubAddressEvent(HubAddress, Timestamp, SweepBundleHash, Amount);

public sealed record OutboundEvent(string HubAddress, long Timestamp, string SweepBundleHash, long Amount) : HubAddressEvent(HubAddress, Timestamp, SweepBundleHash, Amount);

public enum UserHistoryReason { Deposit, Buy, Withdrawal, WithdrawalCanceled, Sell }

/// <summary>One row of GetUserHistory (BUY/SELL appear only here).</summary>
public sealed record UserHistoryEvent(string UserId, long Timestamp, long Amount, UserHistoryReason Reason, string SweepBundleHash, string WithdrawalUuid);

/// <summary>A sweep as SweepInfo and SweepSubscription describe it.</summary>
public sealed record SweepSummary(string BundleHash, long Timestamp, IReadOnlyList<string> WithdrawalUuids);

/// <summary>SweepDetail: the stored bundle and its known tails, newest first.</summary>
public sealed record SweepDetail(bool Confirmed, IReadOnlyList<string> Trytes, IReadOnlyList<string> TailHashes);

public sealed record HubTransfer(string UserId, long Amount);

public enum CreateUserResult { Created, AlreadyExists }
