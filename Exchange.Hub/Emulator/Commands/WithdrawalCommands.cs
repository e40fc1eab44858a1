using Exchange.Hub.Emulator.State;
using Exchange.Hub.Emulator.Wire;
using Exchange.Hub.Iota;

namespace Exchange.Hub.Emulator;

// UserWithdraw, UserWithdrawCancel, WasWithdrawalCancelled, WasAddressSpentFrom (PROTOCOL.md §2.9-2.12).
public sealed partial class HubEmulator
{
    private HubObject UserWithdraw(HubRequest request)
    {
        if (request.String("userId") is not { } userId) return HubObject.Error(HubError.MissingArgument);
        // Hub leaves a missing amount uninitialised; the emulator answers as for 0.
        var amount = request.LenientUInt64("amount") ?? 0;
        if (amount == 0) return HubObject.Error(HubError.UnknownError);

        var payout = request.String("payoutAddress") ?? "";
        if (request.Bool("validateChecksum") && payout.Length < AddressChecksum.AddressLength)
            throw new HubCrashException("UserWithdraw: validateChecksum with a payout address shorter than 81 characters");
        var (address, addressError) = PayoutAddress(payout, request.Bool("validateChecksum"), HubError.UnknownError);
        if (addressError is { } error) return HubObject.Error(error);

        var tag = request.String("tag") ?? "";
        if (!TagRules.Check(tag).IsValid) return HubObject.Error(HubError.UnknownError);
        if (state.User(userId) is null) return HubObject.Error(HubError.UserDoesNotExist);
        if ((ulong)state.BalanceOf(userId) < amount) return HubObject.Error(HubError.InsufficientBalance);
        if (Faults.TakeNodeUnavailable()) return HubObject.Error(HubError.IotaNodeUnavailable);
        if (state.IsSpent(address!)) return HubObject.Error(HubError.AddressWasSpent);

        var now = Now();
        var withdrawal = new WithdrawalRow
        {
            Uuid = TryteValues.WithdrawalUuid(), UserId = userId, Amount = (long)amount, PayoutAddress = address!,
            Tag = TagRules.Pad(tag), RequestedAt = now,
        };
        state.AddWithdrawal(withdrawal);
        state.AddAccountEvent(new UserAccountEventRow { UserId = userId, Amount = -(long)amount, Reason = AccountReason.Withdraw, WithdrawalUuid = withdrawal.Uuid, At = now });
        return new HubObject().Add("uuid", withdrawal.Uuid);
    }

    private HubObject UserWithdrawCancel(HubRequest request)
    {
        if (request.String("uuid") is not { } text) return HubObject.Error(HubError.MissingArgument);
        if (NormalisedUuid(text) is not { } uuid) return HubObject.Error(HubError.UnknownError);

        if (state.Withdrawal(uuid) is not { IsPending: true } withdrawal) return HubObject.Error(HubError.WithdrawalCanNotBeCancelled);
        var now = Now();
        state.CancelWithdrawal(withdrawal, now);
        state.AddAccountEvent(new UserAccountEventRow { UserId = withdrawal.UserId, Amount = withdrawal.Amount, Reason = AccountReason.WithdrawCancel, WithdrawalUuid = uuid, At = now });
        return new HubObject().Add("success", true);
    }

    private HubObject WasWithdrawalCancelled(HubRequest request)
    {
        if (request.String("uuid") is not { } text) return HubObject.Error(HubError.MissingArgument);
        var uuid = NormalisedUuid(text);
        var withdrawal = uuid is null ? null : state.Withdrawal(uuid);
        return withdrawal is null ? HubObject.Error(HubError.InvalidUuid) : new HubObject().Add("wasCancelled", withdrawal.CancelledAt is not null);
    }

    private HubObject WasAddressSpentFrom(HubRequest request)
    {
        if (request.String("address") is not { } input) return HubObject.Error(HubError.MissingArgument);
        if (request.Bool("validateChecksum") && input.Length < AddressChecksum.AddressLength) return HubObject.Error(HubError.UnknownError);
        var (address, error) = PayoutAddress(input, request.Bool("validateChecksum"), HubError.UnknownError);
        if (error is { } e) return HubObject.Error(e);
        if (Faults.TakeNodeUnavailable()) return HubObject.Error(HubError.IotaNodeUnavailable);
        return new HubObject().Add("wasAddressSpentFrom", state.IsSpent(address!));
    }

    /// <summary>
    /// The payout address rules UserWithdraw and WasAddressSpentFrom share: with validateChecksum,
    /// everything after tryte 81 must be the checksum; without, exactly 81 trytes; then the last-trit rule.
    /// </summary>
    private static (string? Address, HubError? Error) PayoutAddress(string input, bool validateChecksum, HubError malformed)
    {
        string address;
        if (validateChecksum)
        {
            address = input[..AddressChecksum.AddressLength];
            if (!IsAddress81(address) || input[AddressChecksum.AddressLength..] != AddressChecksum.Compute(address))
                return (null, HubError.InvalidChecksum);
        }
        else
        {
            if (!IsAddress81(input)) return (null, malformed);
            address = input;
        }
        return AddressRules.ValidLastTrytes.Contains(address[^1]) ? (address, null) : (null, HubError.InvalidAddress);
    }

    /// <summary>Boost's string_generator: braces, upper case and the form without dashes are all accepted.</summary>
    private static string? NormalisedUuid(string text) => Guid.TryParse(text, out var uuid) ? uuid.ToString("D") : null;
}
