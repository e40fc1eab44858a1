using Exchange.Core.Coins;

namespace Exchange.Core.Approvals;

public enum OperatorRequestKind
{
    ManualAdjustment,
    ColdStorageSend,
    AllowListAddress,
    CoinSettings,
}

/// <summary>
/// Pending: waits for a second operator. Applied: at or below the four-eyes threshold, done at once
/// (kept so that a repeated idempotency key answers as the first time). Approved or Rejected by a
/// second operator: final, decided once.
/// </summary>
public enum OperatorRequestState
{
    Pending,
    Applied,
    Approved,
    Rejected,
}

/// <summary>
/// An operator's request to move money or widen where it may go: a manual adjustment, a send to cold
/// storage, an address for the cold-storage allow-list, a coin's settings loosened. Above the four-eyes
/// threshold it waits for a second operator; the decision is a conditional update from Pending, so it is made once.
/// </summary>
public sealed class OperatorRequest
{
    public long Id { get; private set; }
    public OperatorRequestKind Kind { get; private set; }
    public OperatorRequestState State { get; private set; }
    public string RequestedBy { get; private set; } = "";
    public DateTime RequestedAt { get; private set; }

    /// <summary>One per form render (or the API's Idempotency-Key): unique per requester.</summary>
    public string? IdempotencyKey { get; private set; }

    public string Reason { get; private set; } = "";

    /// <summary>The user whose balance an adjustment changes.</summary>
    public string? UserId { get; private set; }

    public string? Coin { get; private set; }

    /// <summary>Base units: signed for an adjustment (a debit is negative), positive for a send.</summary>
    public long Amount { get; private set; }

    /// <summary>The cold-storage address a send pays or the allow-list gets, with its label.</summary>
    public string? Address { get; private set; }
    public string? Label { get; private set; }

    /// <summary>What is asked, in an operator's words ("Credit 2 MIOTA to ann@example.com ($0.54)").</summary>
    public string Summary { get; private set; } = "";

    /// <summary>What the requester was told; a repeated idempotency key is told the same.</summary>
    public string Outcome { get; private set; } = "";

    public const int MaxOutcomeLength = 500;

    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? DecisionReason { get; private set; }

    /// <summary>The hot-wallet transfer an approved send became.</summary>
    public long? TransferId { get; private set; }

    /// <summary>A coin-settings change: the coin's settings when it was asked, and what it asks for.</summary>
    public CoinRuleValues? RulesBefore { get; private set; }
    public CoinRuleValues? RulesAfter { get; private set; }

    private OperatorRequest() { }

    public static OperatorRequest Adjustment(string requestedBy, string? key, string userId, string coin, long signedAmount, string reason, string summary, DateTime at) =>
        new()
        {
            Kind = OperatorRequestKind.ManualAdjustment, RequestedBy = requestedBy, IdempotencyKey = key, UserId = userId, Coin = coin, Amount = signedAmount,
            Reason = reason, Summary = summary, RequestedAt = at,
        };

    public static OperatorRequest Send(string requestedBy, string? key, long amount, string address, string label, string reason, string summary, DateTime at) =>
        new()
        {
            Kind = OperatorRequestKind.ColdStorageSend, RequestedBy = requestedBy, IdempotencyKey = key, Coin = CoinSymbols.Iota, Amount = amount,
            Address = address, Label = label, Reason = reason, Summary = summary, RequestedAt = at,
        };

    public static OperatorRequest AllowListAddress(string requestedBy, string? key, string address, string label, string reason, string summary, DateTime at) =>
        new()
        {
            Kind = OperatorRequestKind.AllowListAddress, RequestedBy = requestedBy, IdempotencyKey = key, Address = address, Label = label,
            Reason = reason, Summary = summary, RequestedAt = at,
        };

    public static OperatorRequest CoinSettingsChange(string requestedBy, string coin, CoinRuleValues before, CoinRuleValues after, string summary, DateTime at) =>
        new()
        {
            Kind = OperatorRequestKind.CoinSettings, RequestedBy = requestedBy, Coin = coin, RulesBefore = before, RulesAfter = after, Summary = summary, RequestedAt = at,
        };

    /// <summary>Done at once, below the threshold; <paramref name="outcome"/> is what the requester is told.</summary>
    public OperatorRequest AppliedAtOnce(string outcome)
    {
        State = OperatorRequestState.Applied;
        Outcome = outcome;
        return this;
    }

    public OperatorRequest Waiting(string outcome)
    {
        State = OperatorRequestState.Pending;
        Outcome = outcome;
        return this;
    }
}
