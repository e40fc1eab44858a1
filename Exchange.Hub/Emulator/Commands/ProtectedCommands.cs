using System.Security.Cryptography;
using System.Text;
using Exchange.Hub.Emulator.State;
using Exchange.Hub.Emulator.Wire;
using Exchange.Hub.Iota;

namespace Exchange.Hub.Emulator;

// SignBundle, RecoverFunds, GetSeedForAddress (disabled by default) and GetSeedForUUID (§2.15, 2.16, 2.18, 2.19).
public sealed partial class HubEmulator
{
    private HubObject SignBundle(HubRequest request)
    {
        var answer = new HubObject();
        // Disabled, Hub adds "Cancelled" and carries on: a second "error" key follows.
        if (!Options.SignBundleEnabled) answer.Add("error", HubError.Cancelled.Text());
        if (request.String("address") is not { } input || request.String("bundleHash") is not { } bundleHash)
            return answer.Add("error", HubError.MissingArgument.Text());
        if (!Options.SignBundleEnabled) return answer.Add("error", HubError.Cancelled.Text());

        var validate = request.Bool("validateChecksum");
        if (validate && (input.Length <= AddressChecksum.AddressLength || !AddressChecksum.IsValid(input))) return HubObject.Error(HubError.InvalidChecksum);
        var address = validate ? input[..AddressChecksum.AddressLength] : input;
        if (!IsAddress81(address) || !IsAddress81(bundleHash)) return HubObject.Error(HubError.UnknownError);
        var row = state.UserAddress(address);
        if (row is null) return HubObject.Error(HubError.UnknownAddress);
        if (!row.Swept) return HubObject.Error(HubError.InvalidAddress);
        if (Options.SignBundleToken is { } token && request.String("authenticationToken") != token) return HubObject.Error(HubError.InvalidAuthentication);
        return new HubObject().Add("signature", TryteValues.Random(2187 * Options.KeySecurityLevel));
    }

    private HubObject RecoverFunds(HubRequest request)
    {
        if (!Options.RecoverFundsEnabled) return HubObject.Error(HubError.Cancelled);
        if (request.String("userId") is not { } userId || request.String("address") is not { } address
            || request.String("payoutAddress") is not { } payout) return HubObject.Error(HubError.MissingArgument);
        if (state.User(userId) is null) return HubObject.Error(HubError.UserDoesNotExist);

        var validate = request.Bool("validateChecksum");
        if (!IsAddress81(address) || (validate ? payout.Length < AddressChecksum.AddressLength : !IsAddress81(payout)))
            return HubObject.Error(HubError.UnknownError);
        if (validate && !AddressChecksum.IsValid(payout)) return HubObject.Error(HubError.InvalidChecksum);
        var payout81 = AddressChecksum.Strip(payout);

        var row = state.UserAddress(address);
        if (row is null) return HubObject.Error(HubError.UnknownAddress);
        if (row.UserId != userId) return HubObject.Error(HubError.WrongUserAddress);
        if (!row.Swept) return HubObject.Error(HubError.InvalidAddress);
        if (Faults.TakeNodeUnavailable()) return HubObject.Error(HubError.IotaNodeUnavailable);
        if (state.IsSpent(payout81)) return HubObject.Error(HubError.AddressWasSpent);
        var balance = state.TangleBalance(address);
        if (balance == 0) return HubObject.Error(HubError.AddressBalanceZero);

        Recover(row, payout81, balance);
        return new HubObject();
    }

    // As Hub's code does: the tokens go to the payout address, and the user is credited all the same.
    private void Recover(UserAddressRow row, string payout, long balance)
    {
        var now = Now();
        var bundle = TryteValues.Hash();
        var hubAddress = NewHubAddress(now, 0);
        state.AddSweep(new SweepRow { BundleHash = bundle, Trytes = BundleTrytes.New(Options.KeySecurityLevel + 1), IntoHubAddress = hubAddress.Address, CreatedAt = now });
        state.AddAddressEvent(new UserAddressEventRow { Address = row.Address, UserId = row.UserId, Amount = -balance, Reason = AddressReason.Sweep, Hash = bundle, At = now });
        state.AddAccountEvent(new UserAccountEventRow { UserId = row.UserId, Amount = balance, Reason = AccountReason.Sweep, SweepBundleHash = bundle, At = now });
        state.AddHubAddressEvent(new HubAddressEventRow { Address = hubAddress.Address, Amount = 0, Reason = HubAddressReason.Inbound, SweepBundleHash = bundle, At = now });
        state.MoveOnTangle(row.Address, -balance);
        state.MoveOnTangle(payout, balance);
    }

    private HubObject GetSeedForAddress(HubRequest request)
    {
        if (!Options.GetSeedForAddressEnabled) return HubObject.Error(HubError.Cancelled);
        if (request.String("userId") is not { } userId || request.String("address") is not { } address) return HubObject.Error(HubError.MissingArgument);
        if (state.User(userId) is null) return HubObject.Error(HubError.UserDoesNotExist);
        if (!IsAddress81(address)) return HubObject.Error(HubError.InvalidAddress);
        var row = state.UserAddress(address);
        if (row is null) return HubObject.Error(HubError.UnknownAddress);
        if (row.UserId != userId) return HubObject.Error(HubError.WrongUserAddress);
        return new HubObject().Add("seed", SeedFor(row.SeedUuid));
    }

    // Hub derives the seed with Argon2 and reads exactly 64 characters; the emulator derives it
    // from whatever string it is given, deterministically.
    private HubObject GetSeedForUuid(HubRequest request) =>
        request.String("uuid") is { } uuid ? new HubObject().Add("seed", SeedFor(uuid)) : HubObject.Error(HubError.MissingArgument);

    private static string SeedFor(string seedUuid)
    {
        var bytes = SHA512.HashData(Encoding.UTF8.GetBytes(seedUuid)).Concat(SHA512.HashData(Encoding.UTF8.GetBytes(seedUuid + "#"))).Take(81);
        return new string(bytes.Select(b => Trytes.Alphabet[b % 27]).ToArray());
    }
}
