namespace Exchange.Hub.Client;

internal static class BalanceEvents
{
    public static BalanceEvent Read(HubAnswer e) => (e.String("type"), e.String("reason")) switch
    {
        ("USER_ACCOUNT", "DEPOSIT") => new DepositEvent(e.String("userId"), e.Long("timestamp"), e.Long("amount"), e.String("sweepBundleHash")),
        ("USER_ACCOUNT", "WITHDRAWAL") => new WithdrawalEvent(e.String("userId"), e.Long("timestamp"), e.Long("amount"), e.String("withdrawalUuid")),
        ("USER_ACCOUNT", "WITHDRAWAL_CANCELED") => new WithdrawalCanceledEvent(e.String("userId"), e.Long("timestamp"), e.Long("amount"), e.String("withdrawalUuid")),
        ("USER_ADDRESS", "UA_DEPOSIT") => new AddressDepositEvent(e.String("userId"), e.Long("timestamp"), e.String("userAddress"), e.String("hash"), e.String("message"), e.Long("amount")),
        ("USER_ADDRESS", "UA_SWEEP") => new AddressSweepEvent(e.String("userId"), e.Long("timestamp"), e.String("userAddress"), e.String("hash"), e.String("message"), e.Long("amount")),
        ("HUB_ADDRESS", "INBOUND") => new InboundEvent(e.String("hubAddress"), e.Long("timestamp"), e.String("sweepBundleHash"), e.Long("amount")),
        ("HUB_ADDRESS", "OUTBOUND") => new OutboundEvent(e.String("hubAddress"), e.Long("timestamp"), e.String("sweepBundleHash"), e.Long("amount")),
        var (type, reason) => throw e.Unexpected($"unknown balance event {type}/{reason}"),
    };
}
