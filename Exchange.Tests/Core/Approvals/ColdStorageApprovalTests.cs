using Exchange.Core.Approvals;
using Exchange.Core.HotWallet;
using Exchange.Core.HubSync;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Exchange.Tests.Infrastructure.ApprovalSteps;
using static Exchange.Tests.Infrastructure.OperatorSteps;

namespace Exchange.Tests.Core.Approvals;

/// <summary>Sends to cold storage under four eyes: only to allow-listed addresses, never below what approved withdrawals need, sent once.</summary>
public class ColdStorageApprovalTests : HubSyncTest
{
    private const string Cold = TestAddresses.OtherPayout;
    private (string Id, string Key) first, second, third;

    private HotWalletService HotWallet => Exchange.Get<HotWalletService>();
    private ApprovalQueue Queue => Exchange.Get<ApprovalQueue>();

    private async Task ReadyAsync(long topUp = 20_000_000)
    {
        first = (Operator, await Exchange.AddOperatorAsync(Operator, OperatorEmail));
        second = (Second, await Exchange.AddOperatorAsync(Second, SecondEmail));
        third = ("op-3", await Exchange.AddOperatorAsync("op-3", "third@example.com"));
        var address = (await HotWallet.RequestDepositAddressAsync(new Exchange.Core.Accounts.OperatorCredentials(first.Id, Totp.Next(first.Key, Exchange.Time)), Token)).Message;
        await Hub.DepositAsync(address, topUp);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await Exchange.Get<BalanceSync>().RunAsync(Token);
    }

    private Task<global::Exchange.Core.Accounts.OperatorResult> AskAsync(string amount, string address = Cold, string? key = null, string? code = null) =>
        HotWallet.SendToColdStorageAsync(new ColdStorageSend(first.Id, amount, address, "Surplus above the float", code ?? Exchange.Code(first.Key), key), Token);

    private async Task<List<HotWalletTransfer>> SendsAsync()
    {
        await using var db = Exchange.NewContext();
        return await db.HotWalletTransfers.AsNoTracking().Where(t => t.Kind == HotWalletTransferKind.ToColdStorage).ToListAsync(Token);
    }

    private async Task<int> HubWithdrawalsAsync() =>
        (await HubClients.For(Hub.BaseAddress, readRetries: 0).GetUserHistoryAsync("user-hot-wallet", 0, Token)).Count(e => e.Reason == UserHistoryReason.Withdrawal);

    [Fact]
    public async Task A_send_to_an_address_not_on_the_allow_list_is_refused()
    {
        await ReadyAsync();

        var result = await AskAsync("5");

        Assert.Equal((false, "Sends go only to addresses on the cold-storage allow-list; this one is not on it."), (result.Succeeded, result.Message));
        Assert.Empty(await Exchange.RequestsAsync());
    }

    [Fact]
    public async Task An_allow_list_address_waits_until_a_second_operator_approves_it()
    {
        await ReadyAsync();
        var allowList = Exchange.Get<ColdStorageAllowList>();

        var asked = await allowList.RequestAddAsync(new AllowListAddition(first.Id, Cold, "Vault A", "New vault", Exchange.Code(first.Key)), Token);
        var sendBefore = await AskAsync("5");
        var own = await Queue.ApproveAsync(asked.RequestId!.Value, first.Id, Exchange.Code(first.Key), "Mine", Token);

        Assert.True(asked.Succeeded, asked.Message);
        Assert.Empty(await allowList.ListAsync(Token));
        Assert.False(sendBefore.Succeeded);
        Assert.Equal(ApprovalQueue.OwnRequest, own.Message);
        Assert.Empty(await allowList.ListAsync(Token));

        var approved = await Queue.ApproveAsync(asked.RequestId!.Value, second.Id, Exchange.Code(second.Key), "Called the vault's owner", Token);

        Assert.True(approved.Succeeded, approved.Message);
        var listed = Assert.Single(await allowList.ListAsync(Token));
        Assert.Equal(("Vault A", Cold, first.Id, second.Id), (listed.Label, listed.Address, listed.AddedBy, listed.ApprovedBy));
        Assert.True((await AskAsync("5")).Succeeded);
        var removed = await allowList.RemoveAsync(second.Id, listed.Id, Exchange.Code(second.Key), Token);
        Assert.True(removed.Succeeded, removed.Message);
        Assert.Empty(await allowList.ListAsync(Token));
        Assert.Contains(await Exchange.AuditAsync(), e => (e.Action, e.OperatorEmail) == ("Cold-storage address removed", SecondEmail));
    }

    [Fact]
    public async Task A_send_waits_for_a_second_operator_and_goes_through_hub_once_even_when_approved_twice_at_once()
    {
        await ReadyAsync();
        await Exchange.ListColdStorageAsync(Cold, "Vault A", first, second);

        var asked = await AskAsync("5");

        Assert.Equal($"Waiting for a second operator to approve: send 5 MIOTA to Vault A ({Cold}).", asked.Message);
        Assert.Empty(await SendsAsync());
        Assert.Equal(20_000_000, await HotWallet.BalanceAsync(Token));

        var (secondCode, thirdCode) = (Exchange.Code(second.Key), Exchange.Code(third.Key));
        var decisions = await Task.WhenAll(
            Task.Run(() => Queue.ApproveAsync(asked.RequestId!.Value, second.Id, secondCode, "Float plan", Token), Token),
            Task.Run(() => Queue.ApproveAsync(asked.RequestId!.Value, third.Id, thirdCode, "Float plan", Token), Token));

        var sent = Assert.Single(decisions, d => d.Succeeded);
        Assert.StartsWith("Hub took the withdrawal of 5 MIOTA", sent.Message, StringComparison.Ordinal);
        // Refused whether it lost the race to the update or came in after the other had committed.
        Assert.Contains(Assert.Single(decisions, d => !d.Succeeded).Message,
            new[] { OperatorRequests.AlreadyDecided, $"Request {asked.RequestId} is approved already; nothing was changed." });
        var transfer = Assert.Single(await SendsAsync());
        Assert.Equal((HotWalletTransferState.Submitted, 5_000_000L, Cold, first.Id), (transfer.State, transfer.Amount, transfer.Address, transfer.OperatorId));
        Assert.Equal(1, await HubWithdrawalsAsync());
        Assert.Equal(15_000_000, await HotWallet.BalanceAsync(Token));
        Assert.Equal(transfer.Id, Assert.Single(await Exchange.RequestsAsync(), r => r.Kind == OperatorRequestKind.ColdStorageSend).TransferId);
    }

    [Fact]
    public async Task A_send_leaving_less_than_approved_withdrawals_need_is_refused_at_request_and_at_approval_naming_both_figures()
    {
        await ReadyAsync();
        await Exchange.ListColdStorageAsync(Cold, "Vault A", first, second);
        await Exchange.FundAsync("alice", 50_000_000);
        await Exchange.RequestWithdrawalAsync("alice", "8"); // Approved: the withdrawal job has not sent it to Hub yet

        var tooMuch = await AskAsync("13");
        var fits = await AskAsync("12");
        await Exchange.RequestWithdrawalAsync("alice", "1");
        var approval = await Queue.ApproveAsync(fits.RequestId!.Value, second.Id, Exchange.Code(second.Key), "Float plan", Token);

        Assert.Equal((false, "After sending 13 MIOTA the hot wallet would hold 7 MIOTA, less than the 8 MIOTA that approved withdrawals still need."),
            (tooMuch.Succeeded, tooMuch.Message));
        Assert.True(fits.Succeeded, fits.Message);
        Assert.Equal((false, "After sending 12 MIOTA the hot wallet would hold 8 MIOTA, less than the 9 MIOTA that approved withdrawals still need."),
            (approval.Succeeded, approval.Message));
        Assert.Empty(await SendsAsync());
        Assert.Equal(0, await HubWithdrawalsAsync());
        Assert.Single(await Queue.PendingAsync(Token));
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_is_one_pending_send()
    {
        await ReadyAsync();
        await Exchange.ListColdStorageAsync(Cold, "Vault A", first, second);

        var once = await AskAsync("5", key: "form-7");
        var twice = await AskAsync("5", key: "form-7");

        Assert.Equal(once, twice);
        Assert.Single(await Queue.PendingAsync(Token));
    }
}

public sealed class ColdStorageApprovalOnPostgreSqlTests : ColdStorageApprovalTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
