namespace Exchange.Core.HotWallet;

public enum HotWalletTransferKind
{
    /// <summary>Hub credited the hot wallet with a deposit (a top-up from cold storage).</summary>
    TopUp,
    /// <summary>An operator sent from the hot wallet to a cold-storage address.</summary>
    ToColdStorage,
}

/// <summary>
/// Received: a top-up Hub credited. Sending: recorded before the UserWithdraw call. Submitted: Hub
/// took it. Refused: Hub said no (nothing left the hot wallet). Unknown: the call's outcome is not
/// known; the hot wallet's Hub history tells.
/// </summary>
public enum HotWalletTransferState
{
    Received,
    Sending,
    Submitted,
    Refused,
    Unknown,
}

/// <summary>Money of the exchange's own moving into or out of the hot wallet (Hub Scenario A).</summary>
public sealed class HotWalletTransfer
{
    public long Id { get; private set; }
    public HotWalletTransferKind Kind { get; private set; }
    public HotWalletTransferState State { get; private set; }
    public long Amount { get; private set; }
    public DateTime At { get; private set; }

    /// <summary>Cold-storage address paid (sends only).</summary>
    public string? Address { get; private set; }

    /// <summary>Hub's withdrawal UUID (sends) or sweep bundle (top-ups).</summary>
    public string? HubReference { get; private set; }

    /// <summary>The Hub event a top-up came from: never recorded twice.</summary>
    public string? HubEventKey { get; private set; }

    public string? OperatorId { get; private set; }
    public string? Reason { get; private set; }

    private HotWalletTransfer() { }

    public static HotWalletTransfer TopUp(long amount, string sweepBundleHash, string hubEventKey, DateTime at) => new()
    {
        Kind = HotWalletTransferKind.TopUp, State = HotWalletTransferState.Received, Amount = amount, At = at,
        HubReference = sweepBundleHash, HubEventKey = hubEventKey,
    };

    public static HotWalletTransfer Send(long amount, string address, string operatorId, string reason, DateTime at) => new()
    {
        Kind = HotWalletTransferKind.ToColdStorage, State = HotWalletTransferState.Sending, Amount = amount, At = at,
        Address = address, OperatorId = operatorId, Reason = reason,
    };

    public void Settle(HotWalletTransferState outcome, string? hubUuidOrProblem)
    {
        if (State is not (HotWalletTransferState.Sending or HotWalletTransferState.Unknown) || outcome is HotWalletTransferState.Sending or HotWalletTransferState.Received)
            throw new InvalidOperationException($"Transfer {Id} is {State}; it cannot become {outcome}.");
        State = outcome;
        HubReference = hubUuidOrProblem is null ? null : Limits.Fit(hubUuidOrProblem, Limits.HubReference);
    }
}
