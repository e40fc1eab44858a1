namespace Exchange.Hub;

/// <summary>The command-level errors Hub answers with (HTTP 200, <c>{"error": "..."}</c>).</summary>
public enum HubError
{
    MissingArgument,
    WrongArgumentName,
    Cancelled,
    UserExists,
    UserDoesNotExist,
    UnknownAddress,
    UnknownError,
    GetAddressFailed,
    InvalidUuid,
    InvalidChecksum,
    InvalidAddress,
    AddressWasSpent,
    IotaNodeUnavailable,
    WithdrawalCanNotBeCancelled,
    InvalidAuthentication,
    SignatureFailed,
    WrongUserAddress,
    AddressNotKnownToNode,
    AddressBalanceZero,
    BatchInvalid,
    BatchInconsistent,
    BatchAmountNotZero,
    InsufficientBalance,
}

public static class HubErrors
{
    private static readonly Dictionary<HubError, string> Texts = new()
    {
        [HubError.MissingArgument] = "Missing argument",
        [HubError.WrongArgumentName] = "Wrong argument name",
        [HubError.Cancelled] = "Cancelled",
        [HubError.UserExists] = "User exist",
        [HubError.UserDoesNotExist] = "User does not exist",
        [HubError.UnknownAddress] = "Unknown address",
        [HubError.UnknownError] = "Unknown error",
        [HubError.GetAddressFailed] = "Get address failed",
        [HubError.InvalidUuid] = "Invalid UUID",
        [HubError.InvalidChecksum] = "Invalid checksum",
        [HubError.InvalidAddress] = "Invalid address",
        [HubError.AddressWasSpent] = "Address was already spent",
        [HubError.IotaNodeUnavailable] = "IOTA node is unavailable",
        [HubError.WithdrawalCanNotBeCancelled] = "Withdrawal can not be cancelled",
        [HubError.InvalidAuthentication] = "Invalid authentication",
        [HubError.SignatureFailed] = "Signing has failed",
        [HubError.WrongUserAddress] = "Wrong user address",
        [HubError.AddressNotKnownToNode] = "Address is not known to node",
        [HubError.AddressBalanceZero] = "Address balance is zero",
        [HubError.BatchInvalid] = "Batch is invalid",
        [HubError.BatchInconsistent] = "Batch is inconsistent",
        [HubError.BatchAmountNotZero] = "Batch amount is not zero (unbalanced)",
        [HubError.InsufficientBalance] = "Insufficient balance",
    };

    private static readonly Dictionary<string, HubError> ByText = Texts.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>Hub's exact wire text, typos included ("User exist").</summary>
    public static string Text(this HubError error) => Texts[error];

    public static bool TryParse(string text, out HubError error) => ByText.TryGetValue(text, out error);
}
