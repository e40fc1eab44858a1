using Exchange.Hub.Emulator.State;
using Exchange.Hub.Emulator.Wire;
using Exchange.Hub.Iota;

namespace Exchange.Hub.Emulator;

// GetStats, CreateUser, GetDepositAddress, GetBalance, GetAddressInfo, GetUserHistory (PROTOCOL.md §2.1-2.6).
public sealed partial class HubEmulator
{
    private HubObject GetStats() =>
        new HubObject().Add("totalBalance", state.TotalBalance);

    private HubObject CreateUser(HubRequest request)
    {
        if (request.String("userId") is not { } userId) return HubObject.Error(HubError.MissingArgument);
        if (state.User(userId) is not null) return HubObject.Error(HubError.UserExists);
        state.AddUser(new UserAccountRow { Identifier = userId });
        return new HubObject();
    }

    private HubObject GetDepositAddress(HubRequest request)
    {
        if (request.String("userId") is not { } userId) return HubObject.Error(HubError.MissingArgument);
        if (state.User(userId) is null) return HubObject.Error(HubError.UserDoesNotExist);

        var address = TryteValues.Hash();
        state.AddUserAddress(new UserAddressRow { Address = address, UserId = state.Shared(userId), SeedUuid = TryteValues.SeedUuid(), CreatedAt = Now() });
        return new HubObject().Add("address", request.Bool("includeChecksum") ? AddressChecksum.Add(address) : address);
    }

    private HubObject GetBalance(HubRequest request)
    {
        if (request.String("userId") is not { } userId) return HubObject.Error(HubError.MissingArgument);
        if (state.User(userId) is null) return HubObject.Error(HubError.UserDoesNotExist);
        return new HubObject().Add("available", state.BalanceOf(userId));
    }

    private HubObject GetAddressInfo(HubRequest request)
    {
        if (request.String("address") is not { } address) return HubObject.Error(HubError.MissingArgument);
        if (!IsAddress81(address)) return HubObject.Error(HubError.UnknownError);
        var row = state.UserAddress(address);
        return row is null ? HubObject.Error(HubError.UnknownAddress) : new HubObject().Add("userId", row.UserId);
    }

    private EmulatorAnswer GetUserHistory(HubRequest request)
    {
        if (request.String("userId") is not { } userId) return HubObject.Error(HubError.MissingArgument);
        if (state.User(userId) is not { } user) return HubObject.Error(HubError.UserDoesNotExist);
        var newerThan = Milliseconds(request.StrictUInt64("newerThan") ?? 0);
        var history = state.AccountEventsOf(user);
        return EmulatorAnswer.Events(() => history.Where(e => e.At >= newerThan).Select(e => new HubObject()
            .Add("userID", e.UserId)
            .Add("timestamp", e.At)
            .Add("amount", e.Amount)
            .Add("reason", HistoryReason(e.Reason))
            .Add("sweepBundleHash", e.Reason == AccountReason.Sweep ? e.SweepBundleHash ?? "" : "")
            .Add("withdrawalUUID", e.WithdrawalUuid ?? "")));
    }

    private static string HistoryReason(AccountReason reason) => reason switch
    {
        AccountReason.Sweep => "DEPOSIT",
        AccountReason.Buy => "BUY",
        AccountReason.WithdrawCancel => "WITHDRAWAL_CANCELED",
        AccountReason.Withdraw => "WITHDRAWAL",
        _ => "SELL",
    };

    /// <summary>Hub turns newerThan into signed milliseconds: a wrapped -1 becomes -1 ms and matches everything.</summary>
    private static long Milliseconds(ulong newerThan) => unchecked((long)newerThan);

    private static bool IsAddress81(string value) => value.Length == AddressChecksum.AddressLength && Trytes.IsTrytes(value);
}
