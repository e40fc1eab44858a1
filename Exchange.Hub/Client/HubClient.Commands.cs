using Exchange.Hub.Iota;

namespace Exchange.Hub.Client;

// One method per Hub command (PROTOCOL.md §2), requests as §4.5 recommends.
public sealed partial class HubClient
{
    public async Task<long> GetStatsAsync(CancellationToken cancellationToken = default) =>
        (await ReadAsync("GetStats", cancellationToken)).Long("totalBalance");

    public async Task<CreateUserResult> CreateUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        try
        {
            await WriteAsync("CreateUser", cancellationToken, ("userId", userId));
            return CreateUserResult.Created;
        }
        catch (HubCommandException e) when (e.Error == HubError.UserExists)
        {
            return CreateUserResult.AlreadyExists;
        }
    }

    public async Task<string> GetDepositAddressAsync(string userId, CancellationToken cancellationToken = default)
    {
        var answer = await ReadAsync("GetDepositAddress", cancellationToken, ("userId", userId), ("includeChecksum", "true"));
        var address = answer.String("address");
        return AddressChecksum.IsValid(address) ? address : throw answer.Unexpected($"the address {address} has no valid checksum");
    }

    public async Task<long> GetBalanceAsync(string userId, CancellationToken cancellationToken = default) =>
        (await ReadAsync("GetBalance", cancellationToken, ("userId", userId))).Long("available");

    public async Task<string> GetAddressInfoAsync(string address, CancellationToken cancellationToken = default) =>
        (await ReadAsync("GetAddressInfo", cancellationToken, ("address", AddressChecksum.Strip(address)))).String("userId");

    public async Task<IReadOnlyList<UserHistoryEvent>> GetUserHistoryAsync(string userId, long newerThan, CancellationToken cancellationToken = default)
    {
        var answer = await ReadAsync("GetUserHistory", cancellationToken, ("userId", userId), ("newerThan", newerThan));
        return answer.Events().Select(e => new UserHistoryEvent(
            e.String("userID"), e.Long("timestamp"), e.Long("amount"), HistoryReason(e), e.String("sweepBundleHash"), e.String("withdrawalUUID"))).ToList();
    }

    public async Task<SweepDetail?> SweepDetailAsync(string bundleHash, CancellationToken cancellationToken = default)
    {
        var answer = await NullWhenCancelled(ReadAsync("SweepDetail", cancellationToken, ("bundleHash", bundleHash)));
        return answer is null ? null : new SweepDetail(answer.Bool("confirmed"), answer.All("trytes"), answer.All("tailHash"));
    }

    public async Task<SweepSummary?> SweepInfoByWithdrawalAsync(string withdrawalUuid, CancellationToken cancellationToken = default) =>
        Summary(await NullWhenCancelled(ReadAsync("SweepInfo", cancellationToken, ("requestByUuid", "true"), ("withdrawalUuid", withdrawalUuid))));

    public async Task<SweepSummary?> SweepInfoByBundleAsync(string bundleHash, CancellationToken cancellationToken = default) =>
        Summary(await NullWhenCancelled(ReadAsync("SweepInfo", cancellationToken, ("requestByUuid", "false"), ("bundleHash", bundleHash))));

    public async Task<string> UserWithdrawAsync(string userId, long amount, string payoutAddress90, string? tag, CancellationToken cancellationToken = default)
    {
        // Only a 90-tryte address may go with validateChecksum: a shorter one crashes Hub.
        if (payoutAddress90.Length != AddressChecksum.AddressWithChecksumLength)
            throw new ArgumentException("UserWithdraw takes the payout address with its checksum (90 trytes).", nameof(payoutAddress90));
        if (amount <= 0) throw new ArgumentOutOfRangeException(nameof(amount), "A withdrawal is a positive number of iotas.");
        var answer = await WriteAsync("UserWithdraw", cancellationToken,
            ("userId", userId), ("amount", amount), ("payoutAddress", payoutAddress90), ("validateChecksum", "true"), ("tag", tag ?? ""));
        return answer.String("uuid");
    }

    public async Task UserWithdrawCancelAsync(string withdrawalUuid, CancellationToken cancellationToken = default)
    {
        var answer = await WriteAsync("UserWithdrawCancel", cancellationToken, ("uuid", withdrawalUuid));
        if (!answer.Bool("success")) throw answer.Unexpected("success is false");
    }

    public async Task<bool> WasWithdrawalCancelledAsync(string withdrawalUuid, CancellationToken cancellationToken = default) =>
        (await ReadAsync("WasWithdrawalCancelled", cancellationToken, ("uuid", withdrawalUuid))).Bool("wasCancelled");

    public async Task<bool> WasAddressSpentFromAsync(string address, CancellationToken cancellationToken = default)
    {
        var withChecksum = address.Length == AddressChecksum.AddressWithChecksumLength;
        var answer = await ReadAsync("WasAddressSpentFrom", cancellationToken, ("address", address), ("validateChecksum", withChecksum ? "true" : "false"));
        return answer.Bool("wasAddressSpentFrom");
    }

    public async Task<IReadOnlyList<SweepSummary>> SweepSubscriptionAsync(long newerThan, CancellationToken cancellationToken = default) =>
        (await ReadAsync("SweepSubscription", cancellationToken, ("newerThan", newerThan))).Events().Select(e => Summary(e)!).ToList();

    public async Task<IReadOnlyList<BalanceEvent>> BalanceSubscriptionAsync(long newerThan, CancellationToken cancellationToken = default)
    {
        var events = new List<BalanceEvent>();
        await foreach (var e in StreamBalanceSubscriptionAsync(newerThan, cancellationToken))
            events.Add(e);
        return events;
    }

    public async Task ProcessTransferBatchAsync(IReadOnlyList<HubTransfer> transfers, CancellationToken cancellationToken = default)
    {
        var body = TransferBatches.Fields(transfers);
        if (Body("ProcessTransferBatch", body).Length >= MaxBodyBytes)
            throw new ArgumentException($"The batch is over Hub's {MaxBodyBytes}-byte limit: split it with TransferBatches.Split.", nameof(transfers));
        await WriteAsync("ProcessTransferBatch", cancellationToken, body);
    }

    public async Task<string> SignBundleAsync(string address, string bundleHash, string authenticationToken, CancellationToken cancellationToken = default)
    {
        var withChecksum = address.Length == AddressChecksum.AddressWithChecksumLength;
        var answer = await WriteAsync("SignBundle", cancellationToken, ("address", address), ("bundleHash", bundleHash),
            ("authenticationToken", authenticationToken), ("validateChecksum", withChecksum ? "true" : "false"));
        return answer.String("signature");
    }

    public async Task RecoverFundsAsync(string userId, string address, string payoutAddress90, CancellationToken cancellationToken = default) =>
        await WriteAsync("RecoverFunds", cancellationToken, ("userId", userId), ("address", AddressChecksum.Strip(address)),
            ("payoutAddress", payoutAddress90), ("validateChecksum", payoutAddress90.Length == AddressChecksum.AddressWithChecksumLength ? "true" : "false"));

    public async Task<string> GetSeedForAddressAsync(string userId, string address, CancellationToken cancellationToken = default) =>
        (await ReadAsync("GetSeedForAddress", cancellationToken, ("userId", userId), ("address", AddressChecksum.Strip(address)))).String("seed");

    public async Task<string> GetSeedForUuidAsync(string seedUuid, CancellationToken cancellationToken = default) =>
        (await ReadAsync("GetSeedForUUID", cancellationToken, ("uuid", seedUuid))).String("seed");

    private static async Task<HubAnswer?> NullWhenCancelled(Task<HubAnswer> call)
    {
        try
        {
            return await call;
        }
        catch (HubCommandException e) when (e.Error == HubError.Cancelled)
        {
            return null;
        }
    }

    private static SweepSummary? Summary(HubAnswer? answer) =>
        answer is null ? null : new SweepSummary(answer.String("bundleHash"), answer.Long("timestamp"), answer.All("withdrawalUuid"));

    private static UserHistoryReason HistoryReason(HubAnswer e) => e.String("reason") switch
    {
        "DEPOSIT" => UserHistoryReason.Deposit,
        "BUY" => UserHistoryReason.Buy,
        "WITHDRAWAL" => UserHistoryReason.Withdrawal,
        "WITHDRAWAL_CANCELED" => UserHistoryReason.WithdrawalCanceled,
        "SELL" => UserHistoryReason.Sell,
        var other => throw e.Unexpected($"unknown history reason {other}"),
    };
}
