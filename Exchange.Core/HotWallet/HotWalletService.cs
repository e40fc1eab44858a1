using Exchange.Core.Accounts;
using Exchange.Core.Approvals;
using Exchange.Core.Amounts;
using Exchange.Core.Audit;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Core.HubSync;
using Exchange.Core.Withdrawals;
using Exchange.Hub;
using Exchange.Hub.Client;
using Exchange.Hub.Iota;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.HotWallet;

/// <summary>A send from the hot wallet to an allow-listed cold-storage address, as an operator asked for it.</summary>
public sealed record ColdStorageSend(string OperatorId, string? Amount, string? Address, string? Reason, string? TwoFactorCode = null, string? IdempotencyKey = null);

/// <summary>
/// The exchange's own money in Hub (Scenario A): operators top the hot wallet up from cold storage
/// through a Hub deposit address of the hot wallet, and send surplus back to cold storage with a
/// UserWithdraw from the hot wallet. Both are audited. A send waits for a second operator, goes only to
/// an allow-listed address, and never leaves less than approved withdrawals still need.
/// </summary>
public sealed class HotWalletService(IDbContextFactory<ExchangeDbContext> contexts, CoinCatalogue catalogue, IHubClient hub, AuditLog audit, IExchangeEvents events,
    IOptions<HubSyncOptions> options, TimeProvider time, OperatorStepUp stepUp, OperatorRequests requests)
{
    // Withdrawals Hub has not taken yet (or may not have): Hub's balance still holds what they need.
    // Submitted ones Hub has already taken off the hot wallet's balance.
    private static readonly WithdrawalState[] NeedingHotWallet = [WithdrawalState.Approved, WithdrawalState.Submitting, WithdrawalState.Unknown];

    private string HotWallet => options.Value.HotWalletUserId;

    /// <summary>The hot wallet's Hub balance; null when Hub cannot be asked.</summary>
    public async Task<long?> BalanceAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await hub.GetBalanceAsync(HotWallet, cancellationToken);
        }
        catch (HubCommandException e) when (e.Error == HubError.UserDoesNotExist)
        {
            return 0;
        }
        catch (HubTransportException)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<HotWalletTransfer>> RecentAsync(int count = 50, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.HotWalletTransfers.AsNoTracking().OrderByDescending(t => t.Id).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>A fresh Hub address of the hot wallet, to top it up from cold storage.</summary>
    public async Task<OperatorResult> RequestDepositAddressAsync(OperatorCredentials by, CancellationToken cancellationToken = default)
    {
        if (await stepUp.ProblemAsync(by, cancellationToken) is { } problem)
            return OperatorResult.StepUpRefused(problem);
        string address;
        try
        {
            await hub.CreateUserAsync(HotWallet, cancellationToken);
            address = await hub.GetDepositAddressAsync(HotWallet, cancellationToken);
        }
        catch (Exception e) when (e is HubTransportException or HubCommandException)
        {
            return OperatorResult.Refused($"IOTA Hub did not issue an address: {e.Message}");
        }
        await audit.RecordAsync(new OperatorAction(by.OperatorId, "Hot-wallet deposit address requested", $"Hub user {HotWallet}", After: address), cancellationToken);
        return OperatorResult.Done(address);
    }

    /// <summary>Asks for a send to cold storage; it waits for a second operator. The same idempotency key twice answers as the first time.</summary>
    public async Task<OperatorResult> SendToColdStorageAsync(ColdStorageSend send, CancellationToken cancellationToken = default)
    {
        if (OperatorRequests.KeyProblem(send.IdempotencyKey) is { } badKey)
            return OperatorResult.Refused(badKey);
        if (await requests.FirstAnswerAsync(send.OperatorId, send.IdempotencyKey, cancellationToken) is { } first)
            return first;
        if (await stepUp.ProblemAsync(send.OperatorId, send.TwoFactorCode, cancellationToken) is { } refusal)
            return OperatorResult.Refused(refusal);
        var iota = (await catalogue.CurrentAsync(cancellationToken)).Iota;
        await using var db = contexts.CreateDbContext();
        if (await ProblemAsync(db, iota, send, cancellationToken) is { } problem)
            return OperatorResult.Refused(problem);
        var amount = AmountParser.Parse(send.Amount, iota).BaseUnits;
        var address = AddressRules.Check(send.Address, requireChecksum: true).Address90!;
        var listed = await db.ColdStorageAddresses.AsNoTracking().SingleOrDefaultAsync(a => a.Address == address, cancellationToken);
        if (listed is null)
            return OperatorResult.Refused(NotListed);
        if (await ReserveProblemAsync(db, iota, amount, cancellationToken) is { } short_)
            return OperatorResult.Refused(short_);
        var request = OperatorRequest.Send(send.OperatorId, send.IdempotencyKey, amount, address, listed.Label, send.Reason!.Trim(),
            $"send {iota.Format(amount)} to {listed.Label} ({address})", time.GetUtcNow().UtcDateTime);
        return await requests.AddPendingAsync(request,
            new OperatorAction(send.OperatorId, "Cold-storage send requested", $"{iota.Format(amount)} to {address}", "hot wallet", "pending", request.Reason), cancellationToken);
    }

    /// <summary>
    /// A second operator's approval: the allow-list and the withdrawals' need are checked again, the
    /// decision and the Sending row commit together (a second approval finds the request decided),
    /// then Hub is called once.
    /// </summary>
    internal async Task<OperatorResult> SendApprovedAsync(OperatorRequest request, string approverId, string reason, CancellationToken cancellationToken)
    {
        var iota = (await catalogue.CurrentAsync(cancellationToken)).Iota;
        await using var db = contexts.CreateDbContext();
        if (!await db.ColdStorageAddresses.AnyAsync(a => a.Address == request.Address, cancellationToken))
            return OperatorResult.Refused(NotListed);
        if (await ReserveProblemAsync(db, iota, request.Amount, cancellationToken) is { } short_)
            return OperatorResult.Refused(short_);

        // Recorded before the call: a crash during it leaves a visible Sending row, never a silent payment.
        var transfer = HotWalletTransfer.Send(request.Amount, request.Address!, request.RequestedBy, request.Reason, time.GetUtcNow().UtcDateTime);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.HotWalletTransfers.Add(transfer);
            await db.SaveChangesAsync(cancellationToken);
            if (!await OperatorRequests.DecideAsync(db, request.Id, OperatorRequestState.Approved, approverId, reason, transfer.At, transfer.Id, cancellationToken))
                return OperatorResult.Refused(OperatorRequests.AlreadyDecided);
            await audit.AddAsync(db, new OperatorAction(approverId, "Cold-storage send approved", $"{iota.Format(request.Amount)} to {request.Address}", "pending", "sending", reason), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        events.Publish(new ApprovalsChanged(request.Id));

        var (state, reference, message) = await CallHubAsync(iota, request.Amount, request.Address!, cancellationToken);
        await using var settle = await db.Database.BeginTransactionAsync(cancellationToken);
        transfer.Settle(state, reference);
        await audit.AddAsync(db, new OperatorAction(approverId, "Sent to cold storage", $"{iota.Format(request.Amount)} to {request.Address}",
            "hot wallet", $"{state}: {reference}", transfer.Reason), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await settle.CommitAsync(cancellationToken);
        events.Publish(new HotWalletChanged());
        return new OperatorResult(state == HotWalletTransferState.Submitted, message);
    }

    private const string NotListed = "Sends go only to addresses on the cold-storage allow-list; this one is not on it.";

    /// <summary>Refuses a send that would leave the hot wallet with less than approved withdrawals still need, naming both figures.</summary>
    private async Task<string?> ReserveProblemAsync(ExchangeDbContext db, Coin iota, long amount, CancellationToken cancellationToken)
    {
        if (await BalanceAsync(cancellationToken) is not { } balance)
            return "IOTA Hub could not be asked for the hot wallet's balance; nothing was sent.";
        if (amount > balance)
            return $"The hot wallet holds {iota.Format(balance)}; it cannot send {iota.Format(amount)}.";
        var needed = await db.Withdrawals.Where(w => w.Coin == iota.Symbol && NeedingHotWallet.Contains(w.State)).SumAsync(w => (long?)w.Amount, cancellationToken) ?? 0;
        var after = balance - amount;
        return after < needed
            ? $"After sending {iota.Format(amount)} the hot wallet would hold {iota.Format(after)}, less than the {iota.Format(needed)} that approved withdrawals still need."
            : null;
    }

    /// <summary>
    /// Settles a send whose outcome is unknown from the hot wallet's Hub history: Submitted with
    /// Hub's UUID when Hub made it (its sweep pays the amount to the send's address), Refused when
    /// Hub never got it (nothing left the hot wallet); refused while Hub has not swept a withdrawal
    /// of the amount that could be it.
    /// </summary>
    public async Task<OperatorResult> SettleAsync(long transferId, OperatorCredentials by, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var transfer = await db.HotWalletTransfers.SingleOrDefaultAsync(t => t.Id == transferId, cancellationToken);
        if (transfer is not { State: HotWalletTransferState.Unknown or HotWalletTransferState.Sending })
            return OperatorResult.Refused($"Send {transferId} does not have an unknown outcome.");
        var waitUntil = transfer.At + options.Value.UnknownOutcomeGrace;
        if (waitUntil > time.GetUtcNow().UtcDateTime)
            return OperatorResult.Refused($"The call to Hub may still land: it can be settled from {waitUntil:HH:mm:ss} UTC.");
        if (await stepUp.ProblemAsync(by, cancellationToken) is { } problem)
            return OperatorResult.StepUpRefused(problem);
        var iota = (await catalogue.CurrentAsync(cancellationToken)).Iota;
        HotWalletVerdict verdict;
        try
        {
            var history = await HotWalletHistory.LoadAsync(db, hub, HotWallet, cancellationToken);
            verdict = await history.JudgeAsync(transfer.Amount, transfer.Address!, iota.Format(transfer.Amount), cancellationToken);
        }
        catch (HubTransportException e)
        {
            return OperatorResult.Refused($"IOTA Hub could not be asked, nothing was changed: {e.Message}");
        }
        if (verdict.Verdict == UnknownVerdict.AwaitingSweep)
            return OperatorResult.Refused(verdict.Explanation);

        var before = transfer.State.ToString();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (verdict.Verdict == UnknownVerdict.MadeByHub)
            transfer.Settle(HotWalletTransferState.Submitted, verdict.HubUuid);
        else
            transfer.Settle(HotWalletTransferState.Refused, "Hub never got it");
        await audit.AddAsync(db, new OperatorAction(by.OperatorId, "Cold-storage send settled", $"{iota.Format(transfer.Amount)} to {transfer.Address}",
            before, $"{transfer.State}: {transfer.HubReference}", verdict.Explanation), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Publish(new HotWalletChanged());
        return OperatorResult.Done(verdict.Explanation);
    }

    private async Task<(HotWalletTransferState, string, string)> CallHubAsync(Coin iota, long amount, string address, CancellationToken cancellationToken)
    {
        try
        {
            var uuid = await hub.UserWithdrawAsync(HotWallet, amount, address, options.Value.WithdrawalTag, cancellationToken);
            return (HotWalletTransferState.Submitted, uuid, $"Hub took the withdrawal of {iota.Format(amount)} ({uuid}); it leaves with Hub's next sweep.");
        }
        catch (HubCommandException e)
        {
            return (HotWalletTransferState.Refused, e.Error.Text(), $"IOTA Hub refused: {e.Error.Text()}. Nothing left the hot wallet.");
        }
        catch (HubTransportException e)
        {
            return (HotWalletTransferState.Unknown, e.Message,
                $"IOTA Hub did not answer clearly ({e.Message}). Check the hot wallet's Hub history before sending again.");
        }
    }

    private static async Task<string?> ProblemAsync(ExchangeDbContext db, Coin iota, ColdStorageSend send, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(send.Reason))
            return "A send to cold storage needs a reason for the audit log.";
        if (Limits.ReasonProblem(send.Reason) is { } tooLong)
            return tooLong;
        var amount = AmountParser.Parse(send.Amount, iota);
        if (!amount.IsValid)
            return amount.Message;
        var address = AddressRules.Check(send.Address, requireChecksum: true);
        if (!address.IsValid)
            return address.Message;
        if (await db.DepositAddresses.AnyAsync(a => a.Address == address.Address90, cancellationToken))
            return "This is one of the exchange's own deposit addresses, not cold storage.";
        return null;
    }
}
